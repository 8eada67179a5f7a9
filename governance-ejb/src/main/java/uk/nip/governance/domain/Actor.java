package uk.nip.governance.domain;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is acting, in which roles, and from where. Every service method takes one, so
 * authorisation and audit never depend on ambient state.
 */
public record Actor(String username, Set<Role> roles, String origin) {

    public Actor {
        Objects.requireNonNull(username, "username");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        origin = origin == null || origin.isBlank() ? "unknown" : origin;
    }

    public static Actor of(String username, String origin, Role... roles) {
        return new Actor(username, roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles), origin);
    }

    /** The workflow engine itself, for steps no person performs (timers, broker results). */
    public static Actor system(String component) {
        return new Actor("system:" + component, EnumSet.of(Role.SYSTEM), component);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * The workflow engine only. The broker's service account is not the system: it reaches the
     * engine's external tasks (ADR 3) and no application, so a stolen broker credential decides,
     * issues and reads nothing.
     */
    public boolean isSystem() {
        return roles.contains(Role.SYSTEM);
    }

    /** The role recorded on events and audit records: the most specific one the actor holds (declaration order). */
    public String primaryRole() {
        return roles.stream()
                .max(Comparator.naturalOrder())
                .map(Role::realmName)
                .orElse("anonymous");
    }
}
