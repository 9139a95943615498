package dev.ion.engine.runtime;

import dev.ion.engine.value.NativeFn;
import dev.ion.engine.value.UnitValue;
import dev.ion.engine.vm.TaskNative;

/** The sender or a receiver of a {@link Broadcast} channel, with its methods. */
final class BroadcastEnd extends EndValue {
    private final Broadcast channel;
    /** The receiver's read position; null for the sender. */
    private final Broadcast.Receiver receiver;

    BroadcastEnd(Broadcast channel, Broadcast.Receiver receiver) {
        super(channel.id, channel::forEachHeld);
        this.channel = channel;
        this.receiver = receiver;
    }

    @Override
    public String typeName() {
        return receiver == null ? "broadcast_sender" : "broadcast_receiver";
    }

    @Override
    public NativeFn method(String name) {
        if (receiver == null) {
            return switch (name) {
                case "send" -> TaskNative.of((task, args) -> {
                    arity("send", args, 1);
                    return channel.send(task, args[1]);
                });
                case "close" -> (cx, args) -> {
                    arity("close", args, 0);
                    channel.close();
                    return UnitValue.UNIT;
                };
                default -> null;
            };
        }
        return switch (name) {
            case "recv" -> TaskNative.of((task, args) -> {
                arity("recv", args, 0);
                return channel.recv(task, receiver);
            });
            case "try_recv" -> TaskNative.of((task, args) -> {
                arity("try_recv", args, 0);
                return channel.tryRecv(task, receiver);
            });
            case "close" -> (cx, args) -> {
                arity("close", args, 0);
                channel.unsubscribe(receiver);
                return UnitValue.UNIT;
            };
            default -> null;
        };
    }
}
