package dev.ion.server.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reports the version Maven recorded in the jar, or "development build" when run from classes. */
public final class VersionProvider implements IVersionProvider {
    private static final String POM_PROPERTIES = "/META-INF/maven/dev.ion/ion-server/pom.properties";

    @Override
    public String[] getVersion() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return new String[] {"ion " + p.getProperty("version", "?")};
            }
        } catch (IOException ignored) {
            // fall through
        }
        return new String[] {"ion (development build)"};
    }
}
