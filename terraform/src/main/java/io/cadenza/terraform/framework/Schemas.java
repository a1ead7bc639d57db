package io.cadenza.terraform.framework;

import com.google.protobuf.ByteString;
import io.cadenza.terraform.protocol.tfplugin6.Tfplugin6;

/** Schema model to the protocol's Schema message. */
final class Schemas {
    private Schemas() {
    }

    static Tfplugin6.Schema toProto(Block block) {
        return Tfplugin6.Schema.newBuilder().setVersion(block.version).setBlock(blockProto(block)).build();
    }

    private static Tfplugin6.Schema.Block blockProto(Block block) {
        var b = Tfplugin6.Schema.Block.newBuilder().setVersion(block.version).setDescription(block.description)
                .setDescriptionKind(Tfplugin6.StringKind.PLAIN);
        for (Attribute a : block.attributes) {
            b.addAttributes(Tfplugin6.Schema.Attribute.newBuilder()
                    .setName(a.name)
                    .setType(ByteString.copyFromUtf8(a.type.json()))
                    .setDescription(a.description)
                    .setDescriptionKind(Tfplugin6.StringKind.PLAIN)
                    .setRequired(a.required)
                    .setOptional(a.optional)
                    .setComputed(a.computed)
                    .setSensitive(a.sensitive));
        }
        block.singleBlocks.forEach((name, nested) -> b.addBlockTypes(Tfplugin6.Schema.NestedBlock.newBuilder()
                .setTypeName(name)
                .setNesting(Tfplugin6.Schema.NestedBlock.NestingMode.SINGLE)
                .setBlock(blockProto(nested))));
        return b.build();
    }
}
