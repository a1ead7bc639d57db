package io.cadenza.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;

/**
 * Counts the RPCs the SDK worker and client send, per method: how much work a server asks of its clients per
 * workflow (eager dispatch and sticky queues change it) is part of what a run measures.
 */
final class RpcCounter implements ClientInterceptor {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        calls.computeIfAbsent(method.getBareMethodName(), m -> new LongAdder()).increment();
        return next.newCall(method, options);
    }

    /** The counts since the last reset, by method name, and starts counting from zero. */
    Map<String, Long> drain() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((method, count) -> {
            long n = count.sumThenReset();
            if (n > 0) {
                out.put(method, n);
            }
        });
        return out;
    }
}
