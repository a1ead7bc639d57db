package io.cadenza.dashboard.views;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

/** Errors thrown by event listeners become notifications (Vaadin's default would log and show nothing useful). */
public class SessionErrors implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(error -> {
            UI ui = UI.getCurrent();
            if (ui != null) {
                ui.access(() -> Notify.error(error.getThrowable()));
            } else {
                Notify.message(error.getThrowable()); // logs it with a reference
            }
        }));
    }
}
