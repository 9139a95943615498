package dev.ion.engine.runtime;

import dev.ion.engine.Value;
import dev.ion.engine.value.Arity;
import dev.ion.engine.value.Atom;
import dev.ion.engine.value.Holder;
import dev.ion.engine.value.MethodHolder;
import dev.ion.engine.value.NativeFn;
import dev.ion.engine.value.UnitValue;
import dev.ion.engine.vm.TaskNative;

import java.util.function.Consumer;

/** The sender or a receiver of a {@link Broadcast} channel, with its methods. */
final class BroadcastEnd extends Value implements Atom, MethodHolder, Holder {
    private final Broadcast channel;
    /** The receiver's read position; null for the sender. */
    private final Broadcast.Receiver receiver;

    BroadcastEnd(Broadcast channel, Broadcast.Receiver receiver) {
        this.channel = channel;
        this.receiver = receiver;
    }

    @Override
    public String typeName() {
        return receiver == null ? "broadcast_sender" : "broadcast_receiver";
    }

    @Override
    public String text() {
        return "<" + typeName() + " " + channel.id + ">";
    }

    @Override
    public void forEachHeld(Consumer<Value> action) {
        channel.forEachHeld(action);
    }

    @Override
    public NativeFn method(String name) {
        if (receiver == null) {
            return switch (name) {
                case "send" -> TaskNative.of((task, args) -> {
                    Arity.check("send", args.length - 1, 1, 1);
                    return channel.send(task, args[1]);
                });
                case "close" -> (cx, args) -> {
                    Arity.check("close", args.length - 1, 0, 0);
                    channel.close();
                    return UnitValue.UNIT;
                };
                default -> null;
            };
        }
        return switch (name) {
            case "recv" -> TaskNative.of((task, args) -> {
                Arity.check("recv", args.length - 1, 0, 0);
                return channel.recv(task, receiver);
            });
            case "try_recv" -> TaskNative.of((task, args) -> {
                Arity.check("try_recv", args.length - 1, 0, 0);
                return channel.tryRecv(task, receiver);
            });
            case "close" -> (cx, args) -> {
                Arity.check("close", args.length - 1, 0, 0);
                channel.unsubscribe(receiver);
                return UnitValue.UNIT;
            };
            default -> null;
        };
    }
}
