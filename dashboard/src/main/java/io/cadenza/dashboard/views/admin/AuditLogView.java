package io.cadenza.dashboard.views.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cadenza.dashboard.backend.MemberAdmin;
import io.cadenza.dashboard.backend.MemberAdmin.AuditEntry;
import io.cadenza.dashboard.security.CurrentUser;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.Background;
import io.cadenza.dashboard.views.Format;
import io.cadenza.dashboard.views.MainLayout;
import jakarta.inject.Inject;

/** The account's audit log, newest first (the latest 1000 entries). */
@Route(value = "admin/audit-log", layout = MainLayout.class)
@PageTitle("Audit log · Cadenza")
public class AuditLogView extends VerticalLayout {

    @Inject
    public AuditLogView(MemberAdmin members, CurrentUser currentUser) {
        Grid<AuditEntry> grid = new Grid<>();
        grid.setId("audit-log");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(e -> Format.time(e.at())).setHeader("When").setAutoWidth(true);
        grid.addColumn(AuditEntry::principal).setHeader("Who").setAutoWidth(true);
        grid.addColumn(AuditEntry::operation).setHeader("Operation").setAutoWidth(true);
        grid.addColumn(AuditEntry::resourceId).setHeader("Resource").setAutoWidth(true);
        grid.addColumn(e -> e.result() + (e.httpStatus() > 0 ? " (" + e.httpStatus() + ")" : "")).setHeader("Result")
                .setAutoWidth(true);
        grid.addColumn(AuditEntry::clientIp).setHeader("Client").setAutoWidth(true);
        grid.addColumn(AuditEntry::details).setHeader("Details");
        grid.setHeight("36em");
        ProgressBar progress = Background.progressBar();
        Runnable refresh = () -> {
            UserToken user = currentUser.get();
            Background.run(progress, () -> members.auditLog(user, 1000), grid::setItems);
        };
        add(new H2("Audit log"), new Button("Refresh", e -> refresh.run()), progress, grid);
        refresh.run();
    }
}
