package dev.colorize.trainer.auth;

import jakarta.enterprise.context.RequestScoped;

/** The admin who made the current request, set by {@link AdminKeyFilter}; named in audits. */
@RequestScoped
public class Admin {

    private String actor;

    void authenticate(String actor) {
        this.actor = actor;
    }

    /** The api_keys id of the admin's key, or {@link AdminKeys#BOOTSTRAP_ACTOR}. */
    public String actor() {
        if (actor == null) {
            throw new IllegalStateException("no authenticated admin on this request");
        }
        return actor;
    }
}
