package io.cadenza.dashboard.views;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.jboss.logging.Logger;

/** Errors thrown by event listeners become notifications (Vaadin's default would log and show nothing useful). */
public class SessionErrors implements VaadinServiceInitListener {

    private static final Logger LOG = Logger.getLogger(SessionErrors.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(error -> {
            if (clientWentAway(error.getThrowable())) {
                // the browser closed the tab or connection mid-request: nobody to tell, nothing went wrong here
                LOG.debugf("client connection closed: %s", error.getThrowable().getMessage());
                return;
            }
            UI ui = UI.getCurrent();
            if (ui != null) {
                ui.access(() -> Notify.error(error.getThrowable()));
            } else {
                Notify.message(error.getThrowable()); // logs it with a reference
            }
        }));
    }

    static boolean clientWentAway(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String type = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            if (type.endsWith("HttpClosedException") || type.endsWith("ClosedChannelException")
                    || message.contains("Connection was closed") || message.contains("Broken pipe")
                    || message.contains("Connection reset by peer")) {
                return true;
            }
        }
        return false;
    }
}
