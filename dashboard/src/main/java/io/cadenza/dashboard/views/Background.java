package io.cadenza.dashboard.views;

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
        }
        ui.setPollInterval(250);
        CompletableFuture.supplyAsync(work, EXECUTOR).whenComplete((result, error) -> ui.access(() -> {
            if (progress != null) {
                progress.setVisible(false);
            }
            ui.setPollInterval(-1);
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

    /** A hidden indeterminate progress bar to place above the content it stands for. */
    public static ProgressBar progressBar() {
        ProgressBar bar = new ProgressBar();
        bar.setIndeterminate(true);
        bar.setVisible(false);
        bar.getElement().setAttribute("data-testid", "progress");
        return bar;
    }
}
