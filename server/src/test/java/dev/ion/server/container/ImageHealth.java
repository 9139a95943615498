package dev.ion.server.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import io.vertx.core.json.JsonObject;
import org.testcontainers.DockerClientFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The health state that the image's own {@code HEALTHCHECK} gives a container, as the engine
 * reports it. Docker runs the check on its interval and announces the change as a
 * {@code health_status} event, which is awaited. Podman schedules checks with systemd timers,
 * which a machine without systemd (a build container) does not run; there the check is started
 * through podman's API ({@code /libpod/containers/ID/healthcheck}), which runs the same
 * configured command and records its outcome in the state that inspect shows.
 */
final class ImageHealth {
    private ImageHealth() {
    }

    static boolean isPodman(DockerClient client) {
        var components = client.versionCmd().exec().getComponents();
        return components != null && components.stream().anyMatch(c -> c.getName().toLowerCase().contains("podman"));
    }

    /** The container's health status once the image's check has run and passed, or its last state after the bound. */
    static String awaitHealthy(String containerId) throws Exception {
        DockerClient client = DockerClientFactory.instance().client();
        if (isPodman(client)) {
            JsonObject result = runPodmanCheck(containerId);
            if (!"healthy".equals(result.getString("Status"))) return result.encode();
            return status(client, containerId);
        }
        CompletableFuture<String> healthy = new CompletableFuture<>();
        try (ResultCallback.Adapter<Event> events = client.eventsCmd().withContainerFilter(containerId)
                .withEventFilter("health_status").exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event e) {
                        String status = e.getStatus();
                        if (status != null && status.endsWith(": healthy")) healthy.complete("healthy");
                    }
                })) {
            if ("healthy".equals(status(client, containerId))) return "healthy";
            try {
                healthy.get(5, TimeUnit.MINUTES);
            } catch (TimeoutException e) {
                // report the state below
            }
            return status(client, containerId);
        }
    }

    private static String status(DockerClient client, String containerId) {
        var health = client.inspectContainerCmd(containerId).exec().getState().getHealth();
        return health == null ? "no health check" : health.getStatus();
    }

    private static JsonObject runPodmanCheck(String containerId) throws IOException {
        URI host = DockerClientFactory.instance().getTransportConfig().getDockerHost();
        String request = "GET /v4.0.0/libpod/containers/" + containerId + "/healthcheck HTTP/1.0\r\nHost: podman\r\n\r\n";
        byte[] response;
        if ("unix".equals(host.getScheme())) {
            try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(host.getPath()))) {
                response = exchange(Channels.newOutputStream(ch), Channels.newInputStream(ch), request);
            }
        } else {
            try (Socket s = new Socket(host.getHost(), host.getPort())) {
                response = exchange(s.getOutputStream(), s.getInputStream(), request);
            }
        }
        String text = new String(response, StandardCharsets.UTF_8);
        int body = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || !text.substring(0, text.indexOf('\r')).contains(" 200 ") || body < 0) {
            throw new IOException("podman healthcheck call failed: " + text);
        }
        return new JsonObject(text.substring(body + 4).strip());
    }

    private static byte[] exchange(OutputStream out, InputStream in, String request) throws IOException {
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }
}
