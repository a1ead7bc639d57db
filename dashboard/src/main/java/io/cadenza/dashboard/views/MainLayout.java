package io.cadenza.dashboard.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import io.cadenza.dashboard.backend.NamespaceAdmin;
import io.cadenza.dashboard.backend.NamespaceAdmin.Namespace;
import io.cadenza.dashboard.security.CurrentUser;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.admin.ApiKeysView;
import io.cadenza.dashboard.views.admin.AuditLogView;
import io.cadenza.dashboard.views.admin.MembersView;
import io.cadenza.dashboard.views.admin.NamespacesView;
import io.cadenza.dashboard.views.inbox.InboxView;
import io.cadenza.dashboard.views.schedules.SchedulesView;
import io.cadenza.dashboard.views.workflows.WorkflowsView;
import jakarta.inject.Inject;
import java.util.List;

/** The frame of every page: namespace switcher, navigation, the user and logout. */
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final Select<String> namespaceSwitcher = new Select<>();
    private final NamespaceAdmin namespaces;
    private final CurrentUser currentUser;

    @Inject
    public MainLayout(NamespaceAdmin namespaces, CurrentUser currentUser,
                      io.cadenza.dashboard.backend.GatewayRest rest) {
        this.namespaces = namespaces;
        this.currentUser = currentUser;
        UserToken user = currentUser.get();

        H1 title = new H1("Cadenza");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        namespaceSwitcher.setPlaceholder("No namespace");
        namespaceSwitcher.setAriaLabel("Namespace");
        namespaceSwitcher.setId("namespace-switcher");
        namespaceSwitcher.setWidth("22em");
        namespaceSwitcher.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                Session.namespace(e.getValue());
                getContent().getElement().getComponent().ifPresent(MainLayout::tellNamespaceChanged);
            }
        });
        Span who = new Span(user.displayName());
        who.setId("current-user");
        who.getStyle().set("color", "var(--lumo-secondary-text-color)");
        // A full page load (router-ignore): quarkus-oidc ends the session here and at Keycloak (RP-initiated logout).
        Anchor logout = new Anchor("/logout", "Log out");
        logout.getElement().setAttribute("router-ignore", true);
        logout.setId("logout");
        HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), title, namespaceSwitcher);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        HorizontalLayout right = new HorizontalLayout(who, logout);
        right.setAlignItems(FlexComponent.Alignment.CENTER);
        HorizontalLayout navbar = new HorizontalLayout(bar, right);
        navbar.setWidthFull();
        navbar.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        navbar.setAlignItems(FlexComponent.Alignment.CENTER);
        navbar.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(navbar);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Workflows", WorkflowsView.class, VaadinIcon.LIST.create()));
        nav.addItem(new SideNavItem("Batch operations", io.cadenza.dashboard.views.workflows.BatchesView.class,
                VaadinIcon.TASKS.create()));
        nav.addItem(new SideNavItem("Schedules", SchedulesView.class, VaadinIcon.CALENDAR_CLOCK.create()));
        nav.addItem(new SideNavItem("Task queues", io.cadenza.dashboard.views.taskqueues.TaskQueueView.class,
                VaadinIcon.CONNECT.create()));
        nav.addItem(new SideNavItem("Approval inbox", InboxView.class, VaadinIcon.INBOX.create()));
        SideNav admin = new SideNav("Administration");
        admin.addItem(new SideNavItem("Namespaces", NamespacesView.class, VaadinIcon.CLUSTER.create()));
        admin.addItem(new SideNavItem("API keys", ApiKeysView.class, VaadinIcon.KEY.create()));
        // Users and the audit log are for account owners and admins (the control plane enforces it; the menu
        // only follows): the caller's role comes from GET /api/v1/me.
        String role = accountRole(rest, user);
        if (role == null || role.equals("owner") || role.equals("admin")) {
            admin.addItem(new SideNavItem("Users and service accounts", MembersView.class,
                    VaadinIcon.USERS.create()));
            admin.addItem(new SideNavItem("Audit log", AuditLogView.class, VaadinIcon.RECORDS.create()));
        }
        // Usage and invoices: owners, admins and finance admins (the billing service enforces it).
        if (role == null || role.equals("owner") || role.equals("admin") || role.equals("finance-admin")) {
            admin.addItem(new SideNavItem("Usage & billing",
                    io.cadenza.dashboard.views.billing.UsageBillingView.class, VaadinIcon.DOLLAR.create()));
        }
        addToDrawer(nav, admin);
        setPrimarySection(Section.DRAWER);

        reloadNamespaces();
    }

    /** The caller's account role, or null when unknown (then the pages show; the services still refuse). */
    private static String accountRole(io.cadenza.dashboard.backend.GatewayRest rest, UserToken user) {
        try {
            return rest.get(user, "/api/v1/me").path("accountRole").asText("");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Reads the user's namespaces again (after one was created or deleted) and keeps the selection if possible. */
    public void reloadNamespaces() {
        try {
            List<Namespace> list = namespaces.list(currentUser.get());
            Session.namespaces(list);
            List<String> ids = list.stream().map(Namespace::id).toList();
            namespaceSwitcher.setItems(ids);
            String current = Session.namespace();
            if (current == null || !ids.contains(current)) {
                current = list.stream().filter(Namespace::active).map(Namespace::id).findFirst()
                        .orElse(ids.isEmpty() ? null : ids.get(0));
                Session.namespace(current);
            }
            namespaceSwitcher.setValue(current);
        } catch (RuntimeException e) {
            Notify.error(e);
        }
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        String current = Session.namespace();
        if (current != null && !current.equals(namespaceSwitcher.getValue())) {
            namespaceSwitcher.setValue(current);
        }
    }

    private static void tellNamespaceChanged(Component content) {
        if (content instanceof NamespaceAware aware) {
            aware.namespaceChanged(Session.namespace());
        }
    }

    /** A page whose content depends on the selected namespace. */
    public interface NamespaceAware {
        void namespaceChanged(String namespace);
    }
}
