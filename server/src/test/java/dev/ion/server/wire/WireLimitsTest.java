package dev.ion.server.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ion.engine.Limits;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Equal limits share one unmodifiable map, whose kept JSON text is what Jackson writes for it. */
class WireLimitsTest {
    @Test
    void equalLimitsShareOneMapAndItsText() throws Exception {
        Limits a = Limits.defaults().with("fuel", 1234).with("max_tasks", 7);
        Limits b = Limits.defaults().with("fuel", 1234).with("max_tasks", 7);
        Map<String, Long> m = WireLimits.of(a);
        assertThat(WireLimits.of(b)).isSameAs(m);
        assertThat(m).containsEntry("fuel", 1234L).containsEntry("max_tasks", 7L);
        assertThatThrownBy(() -> m.put("fuel", 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(WireLimits.json(m)).isEqualTo(new ObjectMapper().writeValueAsString(m));
        // an equal map that is not the shared one, and a map of other limits, have no kept text
        assertThat(WireLimits.json(new LinkedHashMap<>(m))).isNull();
        Map<String, Long> other = WireLimits.of(a.with("fuel", 99));
        assertThat(other).containsEntry("fuel", 99L);
        assertThat(WireLimits.json(m)).isNull();
        assertThat(WireLimits.json(other)).isEqualTo(new ObjectMapper().writeValueAsString(other));
    }
}
