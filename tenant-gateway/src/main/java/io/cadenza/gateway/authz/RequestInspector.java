package io.cadenza.gateway.authz;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the namespace a Temporal request addresses, from the raw request bytes.
 *
 * <p>The top-level {@code namespace} field is what the cell acts on. Requests can also name namespaces deeper
 * down (child workflow, external signal and cancel commands, ExecuteMultiOperation's operations); any such name
 * that differs from the top-level one is refused, so a tenant cannot reach into another namespace on the same cell
 * through a command. {@code temporal.api.common.v1.Link}s are references, not commands, and are not checked.
 */
public final class RequestInspector {

    private static final String NAMESPACE = "namespace";
    private static final String LINK = "temporal.api.common.v1.Link";
    private static final String ANY = "google.protobuf.Any";

    private final Map<String, Message> prototypes = new HashMap<>();
    private final Map<Descriptor, Boolean> reachesNamespace = new ConcurrentHashMap<>();

    /** Indexes the request prototypes of every method of the given generated service descriptors. */
    public RequestInspector(List<ServiceDescriptor> services) {
        for (ServiceDescriptor service : services) {
            for (MethodDescriptor<?, ?> md : service.getMethods()) {
                if (md.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> pm
                        && pm.getMessagePrototype() instanceof Message prototype) {
                    prototypes.put(md.getFullMethodName(), prototype);
                }
            }
        }
    }

    /** The parsed request and the namespace it names (empty string if the field is absent or unset). */
    public record Inspected(Message request, String namespace) {
    }

    /** Parses a request of the given method; INVALID_ARGUMENT if the bytes are not such a message. */
    public Inspected inspect(String fullMethodName, byte[] requestBytes) {
        Message prototype = prototypes.get(fullMethodName);
        if (prototype == null) {
            throw Status.UNIMPLEMENTED.withDescription("unknown method " + fullMethodName).asRuntimeException();
        }
        Message request;
        try {
            request = prototype.getParserForType().parseFrom(requestBytes);
        } catch (InvalidProtocolBufferException e) {
            throw Status.INVALID_ARGUMENT.withDescription("request is not a valid "
                    + prototype.getDescriptorForType().getFullName()).asRuntimeException();
        }
        FieldDescriptor field = request.getDescriptorForType().findFieldByName(NAMESPACE);
        String namespace = field != null && field.getJavaType() == FieldDescriptor.JavaType.STRING
                ? (String) request.getField(field) : "";
        return new Inspected(request, namespace);
    }

    /** Whether the method's request has a top-level string {@code namespace} field. */
    public boolean hasNamespaceField(String fullMethodName) {
        Message prototype = prototypes.get(fullMethodName);
        if (prototype == null) {
            return false;
        }
        FieldDescriptor field = prototype.getDescriptorForType().findFieldByName(NAMESPACE);
        return field != null && field.getJavaType() == FieldDescriptor.JavaType.STRING;
    }

    /**
     * Checks that every nested {@code namespace} field that is set equals {@code namespace}.
     *
     * @throws StatusRuntimeException PERMISSION_DENIED naming both namespaces
     */
    public void requireNoForeignNamespace(Message request, String namespace) {
        ArrayDeque<Message> pending = new ArrayDeque<>();
        enqueueChildren(request, pending);
        while (!pending.isEmpty()) {
            Message message = pending.poll();
            for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
                FieldDescriptor f = e.getKey();
                if (f.getName().equals(NAMESPACE) && f.getJavaType() == FieldDescriptor.JavaType.STRING) {
                    String nested = (String) e.getValue();
                    if (!nested.isEmpty() && !nested.equals(namespace)) {
                        throw Status.PERMISSION_DENIED.withDescription("request for namespace '" + namespace
                                + "' refers to namespace '" + nested + "' in " + message.getDescriptorForType()
                                .getName() + "; cross-namespace commands are not allowed").asRuntimeException();
                    }
                }
            }
            enqueueChildren(message, pending);
        }
    }

    private void enqueueChildren(Message message, ArrayDeque<Message> pending) {
        for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
            FieldDescriptor f = e.getKey();
            if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE || !reaches(f.getMessageType())) {
                continue;
            }
            if (f.isRepeated()) {
                for (Object item : (List<?>) e.getValue()) {
                    pending.add((Message) item);
                }
            } else {
                pending.add((Message) e.getValue());
            }
        }
    }

    /** Whether a message of this type can contain a {@code namespace} field at any depth (Links excluded). */
    boolean reaches(Descriptor root) {
        Boolean known = reachesNamespace.get(root);
        if (known != null) {
            return known;
        }
        Set<Descriptor> seen = new HashSet<>();
        ArrayDeque<Descriptor> todo = new ArrayDeque<>();
        todo.add(root);
        boolean found = false;
        while (!todo.isEmpty() && !found) {
            Descriptor d = todo.poll();
            if (!seen.add(d) || d.getFullName().equals(LINK) || d.getFullName().equals(ANY)) {
                continue;
            }
            for (FieldDescriptor f : d.getFields()) {
                if (f.getName().equals(NAMESPACE) && f.getJavaType() == FieldDescriptor.JavaType.STRING) {
                    found = true;
                    break;
                }
                if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    todo.add(f.getMessageType());
                }
            }
        }
        reachesNamespace.put(root, found);
        return found;
    }
}
