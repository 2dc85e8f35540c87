package org.keyfob.cli.token;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.keyfob.cli.support.OutputOption;
import org.keyfob.oath.store.ListedToken;
import org.keyfob.oath.token.Token;

/**
 * Writes the token inventory one row at a time, as CSV (RFC 4180, header row) or as a JSON array
 * of objects, so an inventory of any size streams. No seed, PIN or code is ever written: the
 * columns are {@link #COLUMNS}, dates in ISO 8601 UTC. Not thread-safe.
 */
final class InventoryWriter {
    enum Output { csv, json }

    /** Stable column names; scripts may rely on them. */
    static final List<String> COLUMNS = List.of("serial", "kind", "algorithm", "digits", "state", "users",
            "last_used", "created");

    private final PrintWriter out;
    private final Output output;
    private long rows;

    InventoryWriter(PrintWriter out, Output output) {
        this.out = out;
        this.output = output;
        if (output == Output.csv) {
            out.println(String.join(",", COLUMNS));
        } else {
            out.print("[");
        }
    }

    void write(ListedToken listed) {
        Token t = listed.stored().token();
        List<String> values = List.of(t.serial().value(), t.spec().kind().name(), t.spec().algorithm().name(),
                Integer.toString(t.spec().digits()), t.status().name(), String.join(" ", listed.users()),
                t.state().lastAccepted().map(Instant::toString).orElse(""), listed.stored().created().toString());
        if (output == Output.csv) {
            out.println(values.stream().map(OutputOption::csvField).collect(Collectors.joining(",")));
        } else {
            StringBuilder o = new StringBuilder(rows == 0 ? "\n  {" : ",\n  {");
            for (int i = 0; i < COLUMNS.size(); i++) {
                o.append(i == 0 ? "" : ", ").append(OutputOption.quote(COLUMNS.get(i))).append(": ").append(OutputOption.quote(values.get(i)));
            }
            out.print(o.append('}'));
        }
        rows++;
    }

    /** Ends the document; returns how many rows were written. */
    long finish() {
        if (output == Output.json) {
            out.println(rows == 0 ? "]" : "\n]");
        }
        out.flush();
        return rows;
    }
}
