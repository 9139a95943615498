package dev.ion.server.container;

import com.github.dockerjava.api.model.Capability;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Ion image run the way the docs recommend for production: read-only root filesystem,
 * every capability dropped, no privilege escalation, a memory limit, and only the mapped
 * port 8080. Ready when {@code /health/ready} answers 200.
 */
final class IonContainer extends GenericContainer<IonContainer> {
    static final int PORT = 8080;
    static final long MEMORY_LIMIT = 1L << 30;

    IonContainer() {
        super(IonImage.get());
        withExposedPorts(PORT);
        withTmpFs(Map.of("/tmp", "rw,size=64m"));
        withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                .withReadonlyRootfs(true)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withMemory(MEMORY_LIMIT));
        waitingFor(Wait.forHttp("/health/ready").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));
    }

    /** {@code /tmp} mounted read-only as well: the server must need no writable directory at all. */
    IonContainer withNothingWritable() {
        return withTmpFs(Map.of("/tmp", "ro"));
    }

    URI http(String path) {
        return URI.create("http://" + getHost() + ":" + getMappedPort(PORT) + path);
    }

    URI ws() {
        return URI.create("ws://" + getHost() + ":" + getMappedPort(PORT) + "/v1/ws");
    }
}
