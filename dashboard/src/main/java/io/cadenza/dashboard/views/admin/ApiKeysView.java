package io.cadenza.dashboard.views.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cadenza.dashboard.backend.ApiKeyAdmin;
import io.cadenza.dashboard.backend.ApiKeyAdmin.ApiKey;
import io.cadenza.dashboard.backend.ApiKeyAdmin.CreatedKey;
import io.cadenza.dashboard.security.CurrentUser;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.Background;
import io.cadenza.dashboard.views.Format;
import io.cadenza.dashboard.views.MainLayout;
import io.cadenza.dashboard.views.Notify;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** API keys: create (the token is shown once, with a copy button), list, disable/enable, delete. */
@Route(value = "admin/api-keys", layout = MainLayout.class)
@PageTitle("API keys · Cadenza")
public class ApiKeysView extends VerticalLayout {

    private final ApiKeyAdmin keys;
    private final CurrentUser currentUser;
    private final Grid<ApiKey> grid = new Grid<>();
    private final ProgressBar progress = Background.progressBar();

    @Inject
    public ApiKeysView(ApiKeyAdmin keys, CurrentUser currentUser) {
        this.keys = keys;
        this.currentUser = currentUser;
        grid.setId("api-keys");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(ApiKey::displayName).setHeader("Name").setAutoWidth(true);
        grid.addColumn(k -> k.tokenPrefix() == null ? "" : "cdz_" + k.tokenPrefix() + "…").setHeader("Token")
                .setAutoWidth(true);
        grid.addColumn(ApiKey::owner).setHeader("Owner").setAutoWidth(true);
        grid.addComponentColumn(k -> Format.badge(k.disabled() ? "disabled" : "active")).setHeader("State");
        grid.addColumn(k -> Format.time(k.expiresAt())).setHeader("Expires").setAutoWidth(true);
        grid.addColumn(k -> Format.time(k.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addComponentColumn(this::rowActions).setHeader("").setAutoWidth(true);
        Button create = new Button("Create API key", e -> createDialog());
        create.setId("api-key-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H2("API keys"), create, progress, grid);
        refresh();
    }

    private HorizontalLayout rowActions(ApiKey key) {
        UserToken user = currentUser.get();
        Button toggle = new Button(key.disabled() ? "Enable" : "Disable", e -> act(() ->
                keys.setDisabled(user, key.id(), !key.disabled()), key.disabled() ? "Key enabled" : "Key disabled"));
        Button delete = new Button("Delete", e -> io.cadenza.dashboard.views.Confirm.destructive(
                "Delete API key " + key.displayName() + "?",
                "Workers and clients that use this key are refused from then on. This cannot be undone; to stop it "
                        + "for a while, disable it instead.",
                "Delete", "api-key-delete-confirm", () -> act(() -> keys.delete(user, key.id()), "Key deleted")));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        // Per-key ids, for scripts and browser tests.
        toggle.setId("api-key-toggle-" + key.id());
        delete.setId("api-key-delete-" + key.id());
        return new HorizontalLayout(toggle, delete);
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

    private void refresh() {
        UserToken user = currentUser.get();
        Background.run(progress, () -> keys.list(user), grid::setItems);
    }

    private void createDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Create API key");
        TextField name = new TextField("Name");
        name.setId("api-key-name");
        name.setWidthFull();
        DatePicker expiry = new DatePicker("Expires on (UTC)");
        expiry.setId("api-key-expiry");
        expiry.setValue(LocalDate.now(ZoneOffset.UTC).plusDays(90));
        expiry.setMin(LocalDate.now(ZoneOffset.UTC).plusDays(1));
        dialog.add(new VerticalLayout(name, expiry));
        UserToken user = currentUser.get();
        Button save = new Button("Create", e -> {
            if (name.getValue().isBlank()) {
                name.setInvalid(true);
                name.setErrorMessage("A key needs a name");
                return;
            }
            if (expiry.getValue() == null) {
                throw new IllegalArgumentException("Choose when the key expires");
            }
            Background.run(progress, () -> keys.create(user, name.getValue().trim(), null,
                    expiry.getValue().atStartOfDay(ZoneOffset.UTC).toInstant()), created -> {
                        dialog.close();
                        showToken(created);
                        refresh();
                    });
        });
        save.setId("api-key-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    /** The token exists only now: the control plane stores its hash. */
    private void showToken(CreatedKey created) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("API key " + created.key().displayName() + " created");
        TextField token = new TextField("Token");
        token.setId("api-key-token");
        token.setValue(created.token() == null ? "" : created.token());
        token.setReadOnly(true);
        token.setWidth("36em");
        Button copy = new Button("Copy", VaadinIcon.COPY.create(), e -> {
            token.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)",
                    token.getValue());
            Notify.success("Token copied to the clipboard");
        });
        copy.setId("api-key-copy");
        HorizontalLayout row = new HorizontalLayout(token, copy);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        dialog.add(new VerticalLayout(new Paragraph("Copy the token now: it is shown only once and cannot be "
                + "retrieved later."), row));
        Button done = new Button("Done", e -> dialog.close());
        done.setId("api-key-done");
        dialog.getFooter().add(done);
        dialog.setCloseOnOutsideClick(false);
        dialog.open();
    }
}
