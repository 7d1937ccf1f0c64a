package dev.colorize.service.auth;

import java.util.UUID;

/**
 * A non-revoked row of api_keys: {@code publisherId} is null for an admin key; {@code publisherDisabled} tells
 * whether its publisher was disabled, which each service weighs by its own rules.
 */
public record ApiKey(UUID id, Role role, UUID publisherId, boolean publisherDisabled) {

    public enum Role { ADMIN, PUBLISHER }

    public boolean admin() {
        return role == Role.ADMIN;
    }
}
