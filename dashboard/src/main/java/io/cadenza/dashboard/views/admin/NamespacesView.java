package io.cadenza.dashboard.views.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cadenza.dashboard.backend.NamespaceAdmin;
import io.cadenza.dashboard.backend.NamespaceAdmin.Namespace;
import io.cadenza.dashboard.security.CurrentUser;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.Background;
import io.cadenza.dashboard.views.Format;
import io.cadenza.dashboard.views.MainLayout;
import io.cadenza.dashboard.views.Notify;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Namespaces of the account: create (retention, search attributes), edit, delete. */
@Route(value = "admin/namespaces", layout = MainLayout.class)
@PageTitle("Namespaces · Cadenza")
public class NamespacesView extends VerticalLayout {

    private final NamespaceAdmin namespaces;
    private final CurrentUser currentUser;
    private final Grid<Namespace> grid = new Grid<>();
    private final ProgressBar progress = Background.progressBar();

    @Inject
    public NamespacesView(NamespaceAdmin namespaces, CurrentUser currentUser) {
        this.namespaces = namespaces;
        this.currentUser = currentUser;
        grid.setId("namespaces");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(Namespace::id).setHeader("Namespace").setAutoWidth(true);
        grid.addComponentColumn(n -> Format.badge(n.state() == null ? "" : n.state())).setHeader("State");
        grid.addColumn(Namespace::retentionDays).setHeader("Retention (days)").setAutoWidth(true);
        grid.addColumn(n -> n.searchAttributes().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(", "))).setHeader("Search attributes").setAutoWidth(true);
        grid.addColumn(n -> n.deleteProtection() ? "on" : "off").setHeader("Delete protection").setAutoWidth(true);
        grid.addColumn(Namespace::grpcEndpoint).setHeader("Endpoint").setAutoWidth(true);
        grid.addColumn(n -> n.lastError() == null ? "" : n.lastError()).setHeader("Last error");
        grid.addComponentColumn(n -> {
            Button edit = new Button("Edit", e -> edit(n));
            edit.setId("namespace-edit-" + n.id());
            Button delete = new Button("Delete", e -> confirmDelete(n));
            delete.setId("namespace-delete-" + n.id());
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            return new HorizontalLayout(edit, delete);
        }).setHeader("").setAutoWidth(true);
        Button create = new Button("Create namespace", e -> edit(null));
        create.setId("namespace-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // provisioning and deleting happen on the cell in the background: Refresh shows where they are
        Button reload = new Button("Refresh", e -> refresh());
        reload.setId("namespace-refresh");
        reload.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(new H2("Namespaces"), new HorizontalLayout(create, reload), progress, grid);
        refresh();
    }

    private void refresh() {
        UserToken user = currentUser.get();
        Background.run(progress, () -> namespaces.list(user), grid::setItems);
    }

    private void edit(Namespace existing) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "Create namespace" : "Edit " + existing.id());
        TextField name = new TextField("Name");
        name.setId("namespace-name");
        name.setHelperText("2-39 lowercase letters, digits or hyphens; the id becomes <name>.<account>");
        IntegerField retention = new IntegerField("Retention (days, 1-90)");
        retention.setId("namespace-retention");
        retention.setValue(existing == null ? 30 : existing.retentionDays());
        TextArea attributes = new TextArea("Custom search attributes (one per line: Name=Type)");
        attributes.setId("namespace-attributes");
        attributes.setHelperText("Types: Keyword, Text, Int, Double, Bool, Datetime, KeywordList");
        attributes.setWidthFull();
        Checkbox protection = new Checkbox("Delete protection");
        protection.setId("namespace-protection");
        if (existing != null) {
            name.setValue(existing.name() == null ? existing.id() : existing.name());
            name.setReadOnly(true);
            attributes.setValue(existing.searchAttributes().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));
            protection.setValue(existing.deleteProtection());
        }
        dialog.add(new VerticalLayout(name, retention, attributes, protection));
        UserToken user = currentUser.get();
        Button save = new Button(existing == null ? "Create" : "Save", e -> {
            Map<String, String> attrs = parseAttributes(attributes.getValue());
            int days = retention.getValue() == null ? 0 : retention.getValue();
            Background.run(progress, () -> existing == null
                    ? namespaces.create(user, name.getValue().trim(), days, attrs, protection.getValue())
                    : namespaces.update(user, existing.id(), days, attrs, protection.getValue()), saved -> {
                        dialog.close();
                        Notify.success("Namespace " + saved.id() + (existing == null
                                ? " is being created" : " saved"));
                        refresh();
                        findAncestor(MainLayout.class).reloadNamespaces();
                    });
        });
        save.setId("namespace-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void confirmDelete(Namespace namespace) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Delete " + namespace.id() + "?");
        dialog.add(new Paragraph("Every workflow and history in this namespace is deleted. This cannot be undone."));
        UserToken user = currentUser.get();
        Button delete = new Button("Delete", e -> Background.run(progress, () -> {
            namespaces.delete(user, namespace.id());
            return true;
        }, ok -> {
            dialog.close();
            Notify.success("Namespace " + namespace.id() + " is being deleted");
            refresh();
            findAncestor(MainLayout.class).reloadNamespaces();
        }));
        delete.setId("namespace-delete-confirm");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), delete);
        dialog.open();
    }

    static Map<String, String> parseAttributes(String text) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("[=:]", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("Write each search attribute as Name=Type, not '" + line + "'");
            }
            attrs.put(parts[0].trim(), parts[1].trim());
        }
        return attrs;
    }
}
