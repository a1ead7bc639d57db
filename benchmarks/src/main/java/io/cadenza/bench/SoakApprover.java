package io.cadenza.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak's business user: lists the open tasks of group {@code soak-approvers} in the cell's inbox API (with the
 * headers the tenant gateway sets) and approves each one, until closed. A task that is no longer open when approved
 * (409) is counted apart; any other answer is an error.
 */
final class SoakApprover implements AutoCloseable {

    static final String GROUP = "soak-approvers";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String tasks;
    private final Set<String> approved = ConcurrentHashMap.newKeySet();
    private final AtomicInteger conflicts = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** {@code inboxBase}: the data plane's HTTP address, e.g. {@code http://127.0.0.1:7234}. */
    SoakApprover(String inboxBase, String namespace) {
        this.tasks = inboxBase + "/api/v1/namespaces/" + namespace + "/tasks";
        thread = new Thread(this::loop, "soak-approver");
        thread.setDaemon(true);
        thread.start();
    }

    int approved() {
        return approved.size();
    }

    int conflicts() {
        return conflicts.get();
    }

    java.util.List<String> errors() {
        return java.util.List.copyOf(errors);
    }

    private void loop() {
        while (running) {
            try {
                HttpResponse<String> page = http.send(request(tasks + "?pageSize=200").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() != 200) {
                    // The cell may be restarting (a soak that kills it): try again shortly.
                    Thread.sleep(200);
                    continue;
                }
                JsonNode open = JSON.readTree(page.body()).path("tasks");
                for (JsonNode task : open) {
                    String id = task.path("id").asText();
                    if (!approved.contains(id)) {
                        approve(id);
                    }
                }
                if (open.isEmpty()) {
                    Thread.sleep(100); // the polling period of an inbox page
                }
            } catch (InterruptedException e) {
                return;
            } catch (java.io.IOException e) {
                // The cell is down for a moment (a soak that kills it); the next round retries.
                try {
                    Thread.sleep(200);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void approve(String id) throws java.io.IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request(tasks + "/" + id + "/complete")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"outcome\":\"approve\",\"comment\":\"soak\",\"formValues\":{}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
            approved.add(id);
        } else if (answer.statusCode() == 409) {
            conflicts.incrementAndGet();
        } else if (answer.statusCode() < 500) {
            errors.add("approving " + id + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
    }

    private HttpRequest.Builder request(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                .header("Cadenza-User", "soak-approver").header("Cadenza-Groups", GROUP)
                .header("Cadenza-Namespace-Role", "write");
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
