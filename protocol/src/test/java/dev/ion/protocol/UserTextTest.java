package dev.ion.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Parser and exception texts cleaned for users keep their meaning and lose Java names. */
class UserTextTest {
    @Test
    void dropsALeadingExceptionClassAndKeepsTheMessage() {
        assertThat(UserText.clean("java.lang.IllegalStateException: the disk is on fire", "x"))
                .isEqualTo("the disk is on fire");
        assertThat(UserText.clean("io.netty.channel.unix.Errors$NativeIoException: bind(..) failed", "x"))
                .isEqualTo("bind(..) failed");
    }

    @Test
    void fallsBackWhenANameRemainsOrNothingIsLeft() {
        assertThat(UserText.clean("java.lang.NullPointerException", "unexpected")).isEqualTo("unexpected");
        assertThat(UserText.clean("bound as `dev.ion.X`", "unexpected")).isEqualTo("unexpected");
        assertThat(UserText.clean(null, "unexpected")).isEqualTo("unexpected");
        assertThat(UserText.clean("first line\n at com.example.Foo", "unexpected")).isEqualTo("first line");
    }

    @Test
    void dropsParserSettingHints() {
        assertThat(UserText.clean("Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow",
                "x")).isEqualTo("Non-standard token 'NaN'");
    }
}
