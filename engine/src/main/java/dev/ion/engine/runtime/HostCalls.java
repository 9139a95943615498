package dev.ion.engine.runtime;

import dev.ion.engine.InputChannel;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.vm.Closure;
import dev.ion.engine.vm.Task;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the host starts inside a running run: input channels it feeds, and calls of the script's top-level
 * functions as new tasks. Every entry hops onto the loop first; calls still running fail when the run ends.
 */
final class HostCalls {
    private final Scheduler s;
    /** The run's input channels: an open one can wake the tasks parked receiving from it. */
    private final List<Channel> inputs = new CopyOnWriteArrayList<>();
    /** Futures of {@link #callAsync} calls still running; failed when the run ends first. */
    private final Set<CompletableFuture<Value>> calls = new LinkedHashSet<>();

    HostCalls(Scheduler s) {
        this.s = s;
    }

    /** Whether a task is parked on an open input channel (in recv or a select arm), which the host may feed. */
    boolean someoneAwaitsInput() {
        for (Channel c : inputs) if (c.hasWaitingReceivers()) return true;
        return false;
    }

    /** Fails every call still running: the run has ended. */
    void endAll() {
        for (CompletableFuture<Value> f : calls) {
            f.completeExceptionally(IonException.runtime("the run finished before the call completed"));
        }
        calls.clear();
    }

    InputChannel inputChannel(String name, int capacity) {
        Channel c = new Channel(s, s.nextChannelId(), Math.max(1, capacity));
        s.run.dynamicGlobals.put(name, new ChannelEnd(c, false));
        inputs.add(c);
        boolean[] closed = {false};
        return new InputChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long channelId() {
                return c.id;
            }

            @Override
            public CompletableFuture<Void> offer(Value value) {
                CompletableFuture<Void> accepted = new CompletableFuture<>();
                s.loop.execute(() -> {
                    if (s.isFinished()) accepted.completeExceptionally(new IllegalStateException("the run has finished"));
                    else c.hostSend(value, accepted);
                });
                return accepted;
            }

            @Override
            public void close() {
                s.loop.execute(() -> {
                    if (closed[0]) return;
                    closed[0] = true;
                    c.close();
                    if (!s.isFinished() && s.turns.isIdle()) s.deadlock.check();
                });
            }
        };
    }

    CompletableFuture<Value> callAsync(String name, Value[] args) {
        CompletableFuture<Value> out = new CompletableFuture<>();
        s.loop.execute(() -> s.turns.afterPrologue(() -> {
            Value fn = null;
            for (int i = 0; i < s.run.globalNames.length; i++) {
                if (s.run.globalNames[i].equals(name)) fn = s.run.globals[i];
            }
            if (s.isFinished()) {
                out.completeExceptionally(new IllegalStateException("the run has finished"));
            } else if (!(fn instanceof Closure c)) {
                out.completeExceptionally(IonException.name("no top-level function '" + name + "' in the script"));
            } else {
                try {
                    Task t = s.tasks.newCallTask(c, args);
                    calls.add(out);
                    Scheduler.info(t).racer = (info, v, e) -> {
                        calls.remove(out);
                        if (e != null) out.completeExceptionally(e);
                        else if (info.cancelled) out.completeExceptionally(IonException.cancelled());
                        else out.complete(v);
                    };
                    s.turns.enqueue(t);
                } catch (IonException e) {
                    out.completeExceptionally(e);
                }
            }
        }));
        return out;
    }
}
