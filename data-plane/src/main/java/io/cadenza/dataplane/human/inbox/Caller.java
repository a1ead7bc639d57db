package io.cadenza.dataplane.human.inbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The person acting, as the tenant gateway vouches for them (docs/tenancy.md): username, business groups within
 * the account, and role on the namespace.
 */
public record Caller(String user, List<String> groups, Role role) {

    /**
     * {@code read} may see the tasks it is a candidate for but not act on them; {@code write} may act on tasks it
     * is a candidate for (or assigned); {@code admin} sees and may act on every task of the namespace.
     */
    public enum Role { READ, WRITE, ADMIN }

    /** The principals values (see {@code inbox_tasks.principals}) that stand for this caller. */
    public List<String> principals() {
        List<String> p = new ArrayList<>();
        p.add("user:" + user);
        groups.forEach(g -> p.add("group:" + g));
        return p;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Whether this caller may see {@code task}: admin, or one of its principals (candidate, assignee). */
    public boolean canSee(InboxTask task) {
        return isAdmin() || principals().stream().anyMatch(task.principals()::contains);
    }
}
