package io.cadenza.dashboard.backend;

import com.google.protobuf.ByteString;
import io.cadenza.dashboard.security.UserToken;
import io.temporal.api.schedule.v1.ScheduleListEntry;
import io.temporal.api.schedule.v1.SchedulePatch;
import io.temporal.api.schedule.v1.TriggerImmediatelyRequest;
import io.temporal.api.workflowservice.v1.DescribeScheduleRequest;
import io.temporal.api.workflowservice.v1.DescribeScheduleResponse;
import io.temporal.api.workflowservice.v1.ListSchedulesRequest;
import io.temporal.api.workflowservice.v1.ListSchedulesResponse;
import io.temporal.api.workflowservice.v1.PatchScheduleRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Schedules of one namespace, called as the user. */
@ApplicationScoped
public class ScheduleService {

    private static final int MAX_SCHEDULES = 5_000;

    @Inject
    TemporalChannel temporal;

    public List<ScheduleListEntry> list(UserToken user, String namespace) {
        List<ScheduleListEntry> all = new ArrayList<>();
        ByteString token = ByteString.EMPTY;
        do {
            ByteString pageToken = token;
            ListSchedulesResponse page = TemporalChannel.call("Listing schedules", () -> temporal.stub(user, namespace)
                    .listSchedules(ListSchedulesRequest.newBuilder().setNamespace(namespace).setMaximumPageSize(500)
                            .setNextPageToken(pageToken).build()));
            all.addAll(page.getSchedulesList());
            token = page.getNextPageToken();
        } while (!token.isEmpty() && all.size() < MAX_SCHEDULES);
        return all;
    }

    public DescribeScheduleResponse describe(UserToken user, String namespace, String scheduleId) {
        return TemporalChannel.call("Loading schedule " + scheduleId, () -> temporal.stub(user, namespace)
                .describeSchedule(DescribeScheduleRequest.newBuilder().setNamespace(namespace)
                        .setScheduleId(scheduleId).build()));
    }

    public void pause(UserToken user, String namespace, String scheduleId, boolean pause, String note) {
        String text = note == null || note.isBlank() ? (pause ? "paused" : "unpaused") + " from the dashboard by "
                + user.email() : note;
        patch(user, namespace, scheduleId, pause ? SchedulePatch.newBuilder().setPause(text).build()
                : SchedulePatch.newBuilder().setUnpause(text).build(), pause ? "Pause" : "Unpause");
    }

    public void triggerNow(UserToken user, String namespace, String scheduleId) {
        patch(user, namespace, scheduleId, SchedulePatch.newBuilder()
                .setTriggerImmediately(TriggerImmediatelyRequest.getDefaultInstance()).build(), "Trigger");
    }

    private void patch(UserToken user, String namespace, String scheduleId, SchedulePatch patch, String what) {
        TemporalChannel.call(what + " of schedule " + scheduleId, () -> temporal.stub(user, namespace)
                .patchSchedule(PatchScheduleRequest.newBuilder().setNamespace(namespace).setScheduleId(scheduleId)
                        .setPatch(patch).setIdentity(user.temporalIdentity())
                        .setRequestId(UUID.randomUUID().toString()).build()));
    }
}
