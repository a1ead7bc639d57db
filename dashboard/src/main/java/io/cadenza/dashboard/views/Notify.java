package io.cadenza.dashboard.views;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.cadenza.dashboard.backend.BackendException;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Readable notifications: backend messages as they are, anything unexpected as a reference into the log. */
public final class Notify {

    private static final Logger LOG = Logger.getLogger(Notify.class);

    private Notify() {
    }

    public static void success(String message) {
        Notification n = Notification.show(message, 4000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    public static void error(Throwable error) {
        error(message(error));
    }

    public static void error(String message) {
        Notification n = Notification.show(message, 8000, Notification.Position.TOP_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        n.getElement().setAttribute("data-testid", "error-notification");
    }

    /** The text shown for {@code error}: the backend's readable message, or a reference to the logged details. */
    public static String message(Throwable error) {
        Throwable cause = error;
        while (cause != null) {
            if (cause instanceof BackendException backend) {
                return backend.getMessage();
            }
            if (cause instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
                return invalid.getMessage();
            }
            cause = cause.getCause();
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(error, "unexpected dashboard error, reference %s", reference);
        return "Something went wrong on our side (reference " + reference + "). Please try again.";
    }
}
