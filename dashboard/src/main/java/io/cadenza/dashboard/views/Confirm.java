package io.cadenza.dashboard.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;

/** Asks before a destructive action: what it does and what cannot be undone, with Cancel as the safe way out. */
public final class Confirm {

    private Confirm() {
    }

    /**
     * Opens a dialog; {@code action} runs only when the user confirms, and the dialog then closes.
     *
     * @param confirmId element id of the confirming button (for scripts and browser tests)
     */
    public static Dialog destructive(String title, String consequence, String confirmLabel, String confirmId,
                                     Runnable action) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(title);
        dialog.add(new Paragraph(consequence));
        Button confirm = new Button(confirmLabel, e -> {
            dialog.close();
            action.run();
        });
        confirm.setId(confirmId);
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> dialog.close());
        dialog.getFooter().add(cancel, confirm);
        dialog.open();
        return dialog;
    }
}
