package dev.ion.engine.runtime;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.NativeFn;
import dev.ion.engine.value.UnitValue;
import dev.ion.engine.vm.Task;
import dev.ion.engine.vm.TaskNative;

/** The {@code sender} or {@code receiver} value of a channel, with its methods. */
final class ChannelEnd extends EndValue {
    // One native per method for every end, not one per call: args[0] is the end the method was called on.
    private static final TaskNative SEND = (task, args) -> end(args).send(task, args);
    private static final NativeFn TRY_SEND = (cx, args) -> end(args).trySend(args);
    private static final TaskNative RECV = (task, args) -> {
        arity("recv", args, 0);
        return end(args).channel.recv(task);
    };
    private static final TaskNative TRY_RECV = (task, args) -> {
        arity("try_recv", args, 0);
        return end(args).channel.tryRecv(task);
    };
    private static final TaskNative RECV_TIMEOUT = (task, args) -> {
        arity("recv_timeout", args, 1);
        if (!(args[1] instanceof IntValue ms)) {
            throw IonException.type("recv_timeout() expected an int (milliseconds), got " + args[1].typeName());
        }
        return end(args).channel.recvTimeout(task, ms.value);
    };
    private static final NativeFn CLOSE = (cx, args) -> end(args).close(args);

    private static ChannelEnd end(Value[] args) {
        return (ChannelEnd) args[0];
    }

    final Channel channel;
    final boolean sender;
    /** A {@code task::oneshot} sender: its first send closes the channel. */
    private final boolean oneshot;
    /** A oneshot sender sent (or tried to): a second send is a misuse, unlike a send on a channel closed unused. */
    private boolean used;
    /** The last method looked up, by its name's identity: a call site names its method with one string. */
    private String lastName;
    private NativeFn lastMethod;

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
        if (name != lastName) {
            lastMethod = find(name);
            lastName = name;
        }
        return lastMethod;
    }

    private NativeFn find(String name) {
        if (sender) {
            return switch (name) {
                case "send" -> SEND;
                case "try_send" -> TRY_SEND;
                case "close" -> CLOSE;
                default -> null;
            };
        }
        return switch (name) {
            case "recv" -> RECV;
            case "try_recv" -> TRY_RECV;
            case "recv_timeout" -> RECV_TIMEOUT;
            case "close" -> CLOSE;
            default -> null;
        };
    }

    private Value send(Task task, Value[] args) {
        arity("send", args, 1);
        if (!oneshot) return channel.send(task, args[1]);
        if (used) throw IonException.runtime("oneshot channel was already used");
        used = true;
        Value sent = channel.send(task, args[1]);
        channel.close();
        return sent;
    }

    private Value trySend(Value[] args) {
        arity("try_send", args, 1);
        Value r = channel.trySend(args[1]);
        if (oneshot) {
            used = true;
            channel.close();
        }
        return r;
    }

    private Value close(Value[] args) {
        arity("close", args, 0);
        channel.close();
        return UnitValue.UNIT;
    }
}
