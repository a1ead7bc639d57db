package io.cadenza.dashboard.views.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cadenza.dashboard.backend.MemberAdmin;
import io.cadenza.dashboard.backend.MemberAdmin.Member;
import io.cadenza.dashboard.security.CurrentUser;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.Background;
import io.cadenza.dashboard.views.Format;
import io.cadenza.dashboard.views.MainLayout;
import io.cadenza.dashboard.views.Notify;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Collectors;

/** Users and service accounts of the account with their roles: invite/create, change role, remove. */
@Route(value = "admin/members", layout = MainLayout.class)
@PageTitle("Users and service accounts · Cadenza")
public class MembersView extends VerticalLayout {

    private final MemberAdmin members;
    private final CurrentUser currentUser;
    private final Grid<Member> users = grid("users");
    private final Grid<Member> serviceAccounts = grid("service-accounts");
    private final ProgressBar progress = Background.progressBar();

    @Inject
    public MembersView(MemberAdmin members, CurrentUser currentUser) {
        this.members = members;
        this.currentUser = currentUser;
        Button invite = new Button("Invite user", e -> addDialog(false));
        invite.setId("user-invite");
        Button createSa = new Button("Create service account", e -> addDialog(true));
        createSa.setId("service-account-create");
        add(new H2("Users and service accounts"), progress, new H3("Users"), invite, users,
                new H3("Service accounts"), createSa, serviceAccounts);
        refresh();
    }

    private Grid<Member> grid(String id) {
        Grid<Member> grid = new Grid<>();
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(Member::name).setHeader("Name").setAutoWidth(true);
        grid.addComponentColumn(m -> Format.badge(m.accountRole() == null ? "" : m.accountRole()))
                .setHeader("Account role");
        grid.addColumn(m -> m.namespaceAccesses().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "))).setHeader("Namespace access");
        if ("users".equals(id)) {
            grid.addColumn(m -> String.join(", ", m.groups())).setHeader("Groups").setAutoWidth(true);
        }
        grid.addColumn(m -> Format.time(m.createdAt())).setHeader("Since").setAutoWidth(true);
        grid.addComponentColumn(this::rowActions).setAutoWidth(true);
        return grid;
    }

    private HorizontalLayout rowActions(Member member) {
        Select<String> role = new Select<>();
        role.setItems(MemberAdmin.ACCOUNT_ROLES);
        role.setValue(member.accountRole());
        role.setAriaLabel("Account role of " + member.name());
        role.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                UserToken user = currentUser.get();
                act(() -> members.setRole(user, member, e.getValue()), "Role of " + member.name() + " changed");
            }
        });
        Button remove = new Button("Remove", e -> {
            UserToken user = currentUser.get();
            io.cadenza.dashboard.views.Confirm.destructive("Remove " + member.name() + "?",
                    member.serviceAccount()
                            ? "The service account and its client secret stop working at once, and its API keys with it."
                            : "The user can no longer sign in to this account, and their API keys stop working.",
                    "Remove", "member-remove-confirm",
                    () -> act(() -> members.remove(user, member), member.name() + " removed"));
        });
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        // Per-member ids, for scripts and browser tests.
        role.setId("member-role-" + member.id());
        remove.setId("member-remove-" + member.id());
        return new HorizontalLayout(role, remove);
    }

    private void refresh() {
        UserToken user = currentUser.get();
        record Both(List<Member> users, List<Member> serviceAccounts) {
        }
        Background.run(progress, () -> new Both(members.users(user), members.serviceAccounts(user)), both -> {
            users.setItems(both.users());
            serviceAccounts.setItems(both.serviceAccounts());
        });
    }

    private void act(Runnable action, String done) {
        Background.run(progress, () -> {
            action.run();
            return true;
        }, ok -> {
            Notify.success(done);
            refresh();
        });
    }

    /** The control plane returns a new member's secret once; show it with a warning that it will not be shown again. */
    private static void showOnce(MemberAdmin.OneTimeSecret secret) {
        if (secret.secret() == null) {
            return;
        }
        Dialog shown = new Dialog();
        shown.setHeaderTitle(secret.label() + " for " + secret.principal());
        TextField value = new TextField(secret.label());
        value.setId("member-secret");
        value.setValue(secret.secret());
        value.setReadOnly(true);
        value.setWidth("30em");
        shown.add(new VerticalLayout(new com.vaadin.flow.component.html.Paragraph(
                "Copy it now: Cadenza does not show it again."), value));
        Button done = new Button("Done", e -> shown.close());
        done.setId("member-secret-done");
        shown.getFooter().add(done);
        shown.open();
    }

    private void addDialog(boolean serviceAccount) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(serviceAccount ? "Create service account" : "Invite user");
        TextField name = new TextField(serviceAccount ? "Name" : "Email");
        name.setId("member-name");
        name.setWidthFull();
        Select<String> role = new Select<>();
        role.setId("member-role");
        role.setLabel("Account role");
        role.setItems(MemberAdmin.ACCOUNT_ROLES);
        role.setValue("developer");
        TextField groups = new TextField("Groups (comma-separated, e.g. managers)");
        groups.setId("member-groups");
        groups.setWidthFull();
        dialog.add(serviceAccount ? new VerticalLayout(name, role) : new VerticalLayout(name, role, groups));
        UserToken user = currentUser.get();
        Button save = new Button(serviceAccount ? "Create" : "Invite", e -> {
            String who = name.getValue().trim();
            String chosenRole = role.getValue();
            List<String> chosenGroups = java.util.Arrays.stream(groups.getValue().split(","))
                    .map(String::trim).filter(g -> !g.isEmpty()).toList();
            Background.run(progress, () -> serviceAccount ? members.createServiceAccount(user, who, chosenRole)
                    : members.inviteUser(user, who, chosenRole, chosenGroups), secret -> {
                        dialog.close();
                        Notify.success(serviceAccount ? "Service account created" : "User invited");
                        refresh();
                        showOnce(secret);
                    });
        });
        save.setId("member-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
