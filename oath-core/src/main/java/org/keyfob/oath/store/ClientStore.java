package org.keyfob.oath.store;

import java.util.List;

/** RADIUS clients added with {@code keyfob client add}; their secrets are encrypted at rest. */
public interface ClientStore {

    /** Adds a client; false if the name exists already. */
    boolean add(RadiusClient client, Actor actor);

    List<RadiusClient> list();

    /** Deletes a client; false if there is no such client. */
    boolean delete(String name, Actor actor);
}
