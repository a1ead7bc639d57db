package io.cadenza.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes a runnable one-class jar of {@link FakeDataPlane}, to stand in for quarkus-run.jar. */
final class FakeDataPlaneJar {

    private FakeDataPlaneJar() {
    }

    static Path write(Path jar) throws IOException {
        Files.createDirectories(jar.toAbsolutePath().getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeDataPlane.class.getName());
        String classFile = FakeDataPlane.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream jarOut = new JarOutputStream(out, manifest);
             InputStream bytes = FakeDataPlane.class.getClassLoader().getResourceAsStream(classFile)) {
            jarOut.putNextEntry(new JarEntry(classFile));
            bytes.transferTo(jarOut);
            jarOut.closeEntry();
        }
        return jar;
    }
}
