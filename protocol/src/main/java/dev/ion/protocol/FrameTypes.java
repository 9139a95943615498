package dev.ion.protocol;

/**
 * The wire name of each {@link ServerFrame} class, read from its {@link ServerFrame.TypeName}
 * once per class: {@link ServerFrame#type()} is asked for every event a run publishes, and an
 * annotation lookup goes through a map and a reflective proxy each time.
 */
final class FrameTypes {
    static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getAnnotation(ServerFrame.TypeName.class).value();
        }
    };

    private FrameTypes() {
    }
}
