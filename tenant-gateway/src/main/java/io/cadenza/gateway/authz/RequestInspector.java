package io.cadenza.gateway.authz;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 *
 * <p>The request is not parsed into a message: the bytes are scanned in their wire format, guided by the request
 * type's descriptor, reading only {@code namespace} strings and descending only into fields whose message type can
 * contain one at some depth (for most requests: none). Payloads, histories and everything else are skipped without
 * being copied, so a call costs the gateway a pass over its bytes instead of a parse and a second copy of the
 * request in memory. The cell parses the request in full.
 */
public final class RequestInspector {

    private static final String NAMESPACE = "namespace";
    private static final String LINK = "temporal.api.common.v1.Link";
    private static final String ANY = "google.protobuf.Any";
    /** Deeper than any Temporal request nests namespaces; a message nested beyond it is refused, not scanned. */
    private static final int MAX_DEPTH = 32;

    private final Map<String, Descriptor> requestTypes = new HashMap<>();
    private final Map<Descriptor, Boolean> reachesNamespace = new ConcurrentHashMap<>();

    /** Indexes the request types of every method of the given generated service descriptors. */
    public RequestInspector(List<ServiceDescriptor> services) {
        for (ServiceDescriptor service : services) {
            for (MethodDescriptor<?, ?> md : service.getMethods()) {
                if (md.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> pm
                        && pm.getMessagePrototype() instanceof Message prototype) {
                    requestTypes.put(md.getFullMethodName(), prototype.getDescriptorForType());
                }
            }
        }
    }

    /** A {@code namespace} set below the top level, and the message type that carries it. */
    public record Nested(String messageType, String namespace) {
    }

    /**
     * What a request names: its top-level namespace (empty string if the field is absent or unset) and every
     * non-empty namespace set deeper down.
     */
    public record Inspected(String namespace, List<Nested> nested) {

        /**
         * Checks that every nested namespace equals the top-level one.
         *
         * @throws StatusRuntimeException PERMISSION_DENIED naming both namespaces
         */
        public void requireNoForeignNamespace() {
            for (Nested n : nested) {
                if (!n.namespace().equals(namespace)) {
                    throw Status.PERMISSION_DENIED.withDescription("request for namespace '" + namespace
                            + "' refers to namespace '" + n.namespace() + "' in " + n.messageType()
                            + "; cross-namespace commands are not allowed").asRuntimeException();
                }
            }
        }
    }

    /** Scans a request of the given method; INVALID_ARGUMENT if the bytes are not such a message. */
    public Inspected inspect(String fullMethodName, byte[] requestBytes) {
        Descriptor type = requestTypes.get(fullMethodName);
        if (type == null) {
            throw Status.UNIMPLEMENTED.withDescription("unknown method " + fullMethodName).asRuntimeException();
        }
        Scan scan = new Scan();
        try {
            CodedInputStream in = CodedInputStream.newInstance(requestBytes);
            scan(type, in, 0, scan);
            in.checkLastTagWas(0);
        } catch (IOException | RuntimeException e) {
            if (e instanceof StatusRuntimeException sre) {
                throw sre;
            }
            throw Status.INVALID_ARGUMENT.withDescription("request is not a valid " + type.getFullName())
                    .asRuntimeException();
        }
        return new Inspected(scan.namespace, List.copyOf(scan.nested));
    }

    /** Whether the method's request has a top-level string {@code namespace} field. */
    public boolean hasNamespaceField(String fullMethodName) {
        Descriptor type = requestTypes.get(fullMethodName);
        return type != null && isNamespace(type.findFieldByName(NAMESPACE));
    }

    private static final class Scan {
        String namespace = "";
        final List<Nested> nested = new ArrayList<>();
    }

    private void scan(Descriptor type, CodedInputStream in, int depth, Scan scan) throws IOException {
        if (depth > MAX_DEPTH) {
            throw Status.INVALID_ARGUMENT.withDescription("request nests messages deeper than " + MAX_DEPTH)
                    .asRuntimeException();
        }
        int tag;
        while ((tag = in.readTag()) != 0) {
            FieldDescriptor field = type.findFieldByNumber(WireFormat.getTagFieldNumber(tag));
            boolean lengthDelimited = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            if (field != null && lengthDelimited && isNamespace(field)) {
                String value = in.readStringRequireUtf8();
                if (depth == 0) {
                    scan.namespace = value; // as a parser does: the last occurrence of a singular field wins
                } else if (!value.isEmpty()) {
                    scan.nested.add(new Nested(type.getName(), value));
                }
            } else if (field != null && lengthDelimited && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && reaches(field.getMessageType())) {
                int limit = in.pushLimit(in.readRawVarint32());
                scan(field.getMessageType(), in, depth + 1, scan);
                in.checkLastTagWas(0);
                in.popLimit(limit);
            } else if (!in.skipField(tag)) {
                return; // an end-group tag: not valid at the top of a message
            }
        }
    }

    private static boolean isNamespace(FieldDescriptor field) {
        return field != null && field.getName().equals(NAMESPACE)
                && field.getJavaType() == FieldDescriptor.JavaType.STRING && !field.isRepeated();
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
                if (isNamespace(f)) {
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
