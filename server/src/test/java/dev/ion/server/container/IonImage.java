package dev.ion.server.container;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * The image of {@code docker/Dockerfile}, built once per test run the way the docs build it
 * ({@code docker build -f docker/Dockerfile .} at the repository root, so {@code .dockerignore}
 * decides the context), on {@code $ION_BASE_IMAGE} when that is set: machines without a
 * registry build a local JRE base instead of pulling {@code eclipse-temurin:17-jre}.
 */
final class IonImage {
    /** The failsafe tests run in the server module; the build context is the repository root. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path JAR = ROOT.resolve("server/target/ion.jar");

    private static final ImageFromDockerfile IMAGE = build();

    private IonImage() {
    }

    static ImageFromDockerfile get() {
        return IMAGE;
    }

    /**
     * Removes the image once its containers are gone. Testcontainers leaves it to Ryuk, which
     * is off where the engine is podman ({@code TESTCONTAINERS_RYUK_DISABLED}).
     */
    static void remove() {
        if (!IMAGE.isDone()) return;
        try {
            DockerClientFactory.instance().client().removeImageCmd(IMAGE.get()).exec();
        } catch (RuntimeException e) {
            // already gone, or still used by a container the engine has not removed yet
        }
    }

    private static ImageFromDockerfile build() {
        Path dockerfile = ROOT.resolve("docker/Dockerfile");
        String name = "localhost/ion-server-it:" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        ImageFromDockerfile image = new ImageFromDockerfile(name, true)
                .withDockerfile(dockerfile)
                // withDockerfile alone takes the Dockerfile's folder as the context; setting the
                // folder and then the file again re-reads the context from the root.
                .withBuildImageCmdModifier(cmd -> cmd.withBaseDirectory(ROOT.toFile()).withDockerfile(dockerfile.toFile()));
        String base = System.getenv("ION_BASE_IMAGE");
        if (base != null && !base.isBlank()) image.withBuildArg("BASE_IMAGE", base);
        return image;
    }
}
