package io.cadenza.dataplane.persistence.sql;

import io.vertx.core.Future;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The one place that re-runs store operations aborted by a serialization conflict (SQLSTATE 40001, which
 * CockroachDB raises for any contended transaction, or a deadlock, 40P01). {@link #wrap} decorates a store interface:
 * an asynchronous method (one returning a {@link CompletionStage} or a Vert.x {@link Future}) whose result fails
 * with such an error is called again, up to {@value #MAX_ATTEMPTS} times. An aborted statement or transaction
 * committed nothing, so calling the whole operation again is what the database asks for; the SQL stores never
 * retry themselves. What a method throws synchronously (an invalid argument) is thrown to the caller unchanged.
 */
public final class Retrying implements InvocationHandler {

    static final int MAX_ATTEMPTS = 8;
    private static final Logger LOG = Logger.getLogger(Retrying.class);

    private final Object target;
    private final Predicate<Throwable> retryable;

    private Retrying(Object target, Predicate<Throwable> retryable) {
        this.target = target;
        this.retryable = retryable;
    }

    /** {@code target} seen through {@code store}, its asynchronous operations retried on SQLSTATE 40001/40P01. */
    public static <T> T wrap(Class<T> store, T target) {
        return wrap(store, target, SqlSupport::isRetryable);
    }

    /** {@code target} seen through {@code store}, its asynchronous operations retried while {@code retryable}. */
    public static <T> T wrap(Class<T> store, T target, Predicate<Throwable> retryable) {
        if (!store.isInterface()) {
            throw new IllegalArgumentException(store + " is not an interface");
        }
        return store.cast(Proxy.newProxyInstance(store.getClassLoader(), new Class<?>[]{store},
                new Retrying(target, retryable)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "Retrying(" + target + ")";
                default -> call(method, args);
            };
        }
        Class<?> type = method.getReturnType();
        if (CompletionStage.class.isAssignableFrom(type)) {
            // The first call's synchronous errors (invalid arguments) reach the caller as they are.
            CompletionStage<?> first = (CompletionStage<?>) call(method, args);
            CompletableFuture<Object> result = new CompletableFuture<>();
            retryOnFailure(first, method, args, 1, result);
            return result;
        }
        if (Future.class.isAssignableFrom(type)) {
            return retryOnFailure((Future<?>) call(method, args), method, args, 1);
        }
        return call(method, args);
    }

    private void stage(Method method, Object[] args, int attempt, CompletableFuture<Object> result) {
        CompletionStage<?> stage;
        try {
            stage = (CompletionStage<?>) call(method, args);
        } catch (Throwable e) {
            result.completeExceptionally(e);
            return;
        }
        retryOnFailure(stage, method, args, attempt, result);
    }

    private void retryOnFailure(CompletionStage<?> stage, Method method, Object[] args, int attempt,
                                CompletableFuture<Object> result) {
        stage.whenComplete((value, error) -> {
            Throwable cause = unwrap(error);
            if (cause == null) {
                result.complete(value);
            } else if (attempt < MAX_ATTEMPTS && retryable.test(cause)) {
                log(method, cause, attempt);
                stage(method, args, attempt + 1, result);
            } else {
                result.completeExceptionally(cause);
            }
        });
    }

    private Future<Object> future(Method method, Object[] args, int attempt) {
        Future<?> future;
        try {
            future = (Future<?>) call(method, args);
        } catch (Throwable e) {
            return Future.failedFuture(e);
        }
        return retryOnFailure(future, method, args, attempt);
    }

    private Future<Object> retryOnFailure(Future<?> future, Method method, Object[] args, int attempt) {
        return future.map(v -> (Object) v).recover(e -> {
            if (attempt < MAX_ATTEMPTS && retryable.test(e)) {
                log(method, e, attempt);
                return future(method, args, attempt + 1);
            }
            return Future.failedFuture(e);
        });
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private void log(Method method, Throwable cause, int attempt) {
        LOG.debugf("re-running %s.%s after %s (attempt %d)", target.getClass().getSimpleName(), method.getName(),
                cause.getMessage(), attempt);
    }
}
