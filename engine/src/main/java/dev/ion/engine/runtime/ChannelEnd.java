package dev.ion.engine.runtime;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.NativeFn;
import dev.ion.engine.value.UnitValue;
import dev.ion.engine.vm.TaskNative;

/** The {@code sender} or {@code receiver} value of a channel, with its methods. */
final class ChannelEnd extends EndValue {
    final Channel channel;
    final boolean sender;
    /** A {@code task::oneshot} sender: its first send closes the channel. */
    private final boolean oneshot;
    /** A oneshot sender sent (or tried to): a second send is a misuse, unlike a send on a channel closed unused. */
    private boolean used;

    ChannelEnd(Channel channel, boolean sender) {
        this(channel, sender, false);
    }

    ChannelEnd(Channel channel, boolean sender, boolean oneshot) {
        super(channel.id, channel::forEachHeld);
        this.channel = channel;
        this.sender = sender;
        this.oneshot = oneshot;
    }

    @Override
    public String typeName() {
        return sender ? "sender" : "receiver";
    }

    @Override
    public NativeFn method(String name) {
        if (sender) {
            return switch (name) {
                case "send" -> TaskNative.of((task, args) -> {
                    arity("send", args, 1);
                    if (!oneshot) return channel.send(task, args[1]);
                    if (used) throw IonException.runtime("oneshot channel was already used");
                    used = true;
                    Value sent = channel.send(task, args[1]);
                    channel.close();
                    return sent;
                });
                case "try_send" -> (cx, args) -> {
                    arity("try_send", args, 1);
                    Value r = channel.trySend(args[1]);
                    if (oneshot) {
                        used = true;
                        channel.close();
                    }
                    return r;
                };
                case "close" -> (cx, args) -> close(args);
                default -> null;
            };
        }
        return switch (name) {
            case "recv" -> TaskNative.of((task, args) -> {
                arity("recv", args, 0);
                return channel.recv(task);
            });
            case "try_recv" -> TaskNative.of((task, args) -> {
                arity("try_recv", args, 0);
                return channel.tryRecv(task);
            });
            case "recv_timeout" -> TaskNative.of((task, args) -> {
                arity("recv_timeout", args, 1);
                if (!(args[1] instanceof IntValue ms)) {
                    throw IonException.type("recv_timeout() expected an int (milliseconds), got " + args[1].typeName());
                }
                return channel.recvTimeout(task, ms.value);
            });
            case "close" -> (cx, args) -> close(args);
            default -> null;
        };
    }

    private Value close(Value[] args) {
        arity("close", args, 0);
        channel.close();
        return UnitValue.UNIT;
    }
}
