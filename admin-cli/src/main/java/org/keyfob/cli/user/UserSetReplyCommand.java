package org.keyfob.cli.user;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.config.ReplyDictionary;
import org.keyfob.oath.store.ReplyAttribute;
import org.keyfob.oath.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code keyfob user set-reply USER NAME=VALUE...}: the attributes keyfobd adds to the user's
 * Access-Accept, checked against the dictionary keyfobd loads, so what is stored can be sent.
 */
@Command(name = "set-reply", description = {
    "Set the RADIUS attributes sent to the NAS when the user logs in (replacing any set before),",
    "e.g. Class=staff Filter-Id=vpn-staff Session-Timeout=3600, or vendor attributes from",
    "radius.dictionary. Quote values with spaces. --clear removes them all."})
final class UserSetReplyCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "USER", description = "The user's name.")
    String name;

    @Parameters(index = "1..*", paramLabel = "NAME=VALUE", arity = "0..*",
            description = "RADIUS attributes for the user's Access-Accept; none clears them.")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--clear", description = "Remove all of the user's reply attributes.")
    boolean clear;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        if (clear == !pairs.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "give either NAME=VALUE pairs or --clear, " + (clear ? "not both" : "found neither"));
        }
        Path config = ((Root) spec.root().userObject()).configFile().orElseThrow();
        List<ReplyAttribute> attributes = parse(session.replyDictionary(config));
        if (!store.users().setReplyAttributes(name, attributes, session.actor())) {
            throw new RefusedException("no user " + name);
        }
        out.println(clear ? "cleared the reply attributes of " + name
                : "set " + attributes.size() + " reply attribute(s) for " + name);
        return 0;
    }

    /** Every pair checked, every problem reported together; nothing is stored unless all are good. */
    private List<ReplyAttribute> parse(ReplyDictionary dictionary) throws RefusedException {
        List<ReplyAttribute> attributes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            String pair = pairs.get(i);
            int equals = pair.indexOf('=');
            if (equals < 1) {
                problems.add("argument " + (i + 2) + " \"" + pair + "\": expected NAME=VALUE, such as Filter-Id=vpn-staff");
                continue;
            }
            try {
                ReplyAttribute attribute = new ReplyAttribute(pair.substring(0, equals), pair.substring(equals + 1));
                dictionary.encode(attribute);
                attributes.add(attribute);
            } catch (IllegalArgumentException e) {
                problems.add("argument " + (i + 2) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new RefusedException("nothing stored; " + String.join(System.lineSeparator(), problems));
        }
        return attributes;
    }
}
