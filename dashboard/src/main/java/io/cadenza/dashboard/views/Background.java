package io.cadenza.dashboard.views;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.progressbar.ProgressBar;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a backend call off the request thread while a progress bar shows, then applies the result in the UI. The UI
 * polls while work is in flight (no server push needed). Callers capture the user's token before calling.
 */
public final class Background {

    private static final String IN_FLIGHT = "cadenza.background.in-flight";

    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "dashboard-backend-call");
        t.setDaemon(true);
        return t;
    });

    private Background() {
    }

    public static <T> void run(ProgressBar progress, Supplier<T> work, Consumer<T> onSuccess) {
        run(progress, work, onSuccess, Notify::error);
    }

    public static <T> void run(ProgressBar progress, Supplier<T> work, Consumer<T> onSuccess,
                               Consumer<Throwable> onError) {
        UI ui = UI.getCurrent();
        if (progress != null) {
            progress.setIndeterminate(true);
            progress.setVisible(true);
            inFlight(progress, +1);
        }
        // Several calls may run at once (e.g. a list and a detail): poll until the last of them is back.
        inFlight(ui, +1);
        ui.setPollInterval(250);
        CompletableFuture.supplyAsync(work, EXECUTOR).whenComplete((result, error) -> ui.access(() -> {
            if (progress != null && inFlight(progress, -1) == 0) {
                progress.setVisible(false);
            }
            if (inFlight(ui, -1) == 0) {
                ui.setPollInterval(Live.interval(ui));
            }
            if (error != null) {
                onError.accept(error instanceof java.util.concurrent.CompletionException ? error.getCause() : error);
            } else {
                try {
                    onSuccess.accept(result);
                } catch (RuntimeException e) {
                    Notify.error(e);
                }
            }
        }));
    }

    /** Whether calls are in flight for {@code ui} (it then polls fast). */
    static boolean busy(UI ui) {
        Integer now = (Integer) ComponentUtil.getData(ui, IN_FLIGHT);
        return now != null && now > 0;
    }

    /** Counts the calls in flight for a UI or a progress bar (always under the session lock). */
    private static int inFlight(com.vaadin.flow.component.Component owner, int delta) {
        Integer now = (Integer) ComponentUtil.getData(owner, IN_FLIGHT);
        int next = Math.max(0, (now == null ? 0 : now) + delta);
        ComponentUtil.setData(owner, IN_FLIGHT, next);
        return next;
    }

    /** A hidden indeterminate progress bar to place above the content it stands for. */
    public static ProgressBar progressBar() {
        ProgressBar bar = new ProgressBar();
        bar.setIndeterminate(true);
        bar.setVisible(false);
        bar.getElement().setAttribute("data-testid", "progress");
        return bar;
    }
}
