package io.sluice.engine;

import io.sluice.resource.Resources;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A named client of an external backend, declared in {@code engines.yml}: a JDBC pool, an HTTP
 * client, a Spark session. Built when the session compiles (its config read and checked,
 * nothing connected); {@link #get()} creates the client on first use and then returns that same
 * client to every node, dataset, thread and run of the session; the session closes it when it
 * closes, engines in the reverse order of their clients' creation.
 *
 * <p><b>Writing an engine.</b> Extend this class with a public constructor taking an
 * {@link EngineConfig} in which every option is read (usually one
 * {@link EngineConfig#bind(Class, Record)} of a record), and implement {@link #create()}. Then
 * either name the class in {@code engines.yml} ({@code type: com.acme.VaultEngine}) or register
 * an {@link EngineType} under a short name. Override {@link #destroy} when closing the client is
 * more than {@link AutoCloseable#close()}, {@link #check} for a health check cheaper or stricter
 * than creating the client, {@link #describe()} to show more (never a secret) and
 * {@link #mask(String)} when the backend repeats secrets in a form of its own (a URL).
 *
 * <pre>{@code
 * public final class VaultEngine extends Engine<VaultClient> {
 *     record Options(String address, Duration timeout) {}
 *     private final Options options;
 *     private final String token;
 *
 *     public VaultEngine(EngineConfig config) {
 *         super(config, VaultClient.class);
 *         options = config.bind(Options.class, new Options(null, Duration.ofSeconds(5)));
 *         token = config.credentials().get("token");
 *     }
 *
 *     protected VaultClient create() { return new VaultClient(options.address(), token, options.timeout()); }
 * }
 * }</pre>
 *
 * <p>Every failure that leaves an engine — creation, ping, closing — is an {@link EngineException}
 * (or a ping's {@link EngineHealth}) whose message names the engine and where it is declared, with
 * the engine's secrets masked, in its causes too.
 *
 * @param <T> the client type: what nodes and datasets receive
 */
public abstract class Engine<T> {
    private final EngineConfig config;
    private final Class<T> clientType;
    private final Set<String> secrets;
    private volatile Resources owner;
    /** The client once created; read without a lock on every {@link #get()} after the first. */
    private volatile T client;

    /**
     * @param config     the engine's entry; read every option in the subclass constructor
     * @param clientType what {@link #get()} returns: checked against node parameter types at compile
     */
    protected Engine(EngineConfig config, Class<T> clientType) {
        this.config = Objects.requireNonNull(config, "config");
        this.clientType = Objects.requireNonNull(clientType, "clientType");
        this.secrets = config.secrets();
    }

    /** Creates the client; called once per session, on first use. May connect. */
    protected abstract T create() throws Exception;

    /** Closes a client made by {@link #create()}; by default {@link AutoCloseable#close()} if it is one. */
    protected void destroy(T client) throws Exception {
        if (client instanceof AutoCloseable c) {
            c.close();
        }
    }

    /**
     * Checks the backend answers, on a created client; by default nothing more than creating the
     * client. Runs on a thread of its own; {@link #ping} stops waiting after {@code timeout}.
     */
    protected void check(T client, Duration timeout) throws Exception {
        // creating the client was the check
    }

    /** The engine's name in {@code engines.yml}. */
    public final String name() {
        return config.name();
    }

    /** The engine's type as written ({@code jdbc}). */
    public final String type() {
        return config.type();
    }

    /** The entry this engine was built from. */
    public final EngineConfig config() {
        return config;
    }

    /** What {@link #get()} returns. */
    public final Class<T> clientType() {
        return clientType;
    }

    /**
     * The client: created on the first call (once, even when threads call at the same moment;
     * the others wait for it), then the same one until the session closes.
     *
     * @throws EngineException when the client cannot be created (with the cause, masked) or the
     *                         session is closed
     */
    public final T get() {
        T c = client;
        return c != null ? c : createOnce();
    }

    /** Whether the client has been created (and not closed yet). */
    public final boolean isCreated() {
        return client != null;
    }

    /**
     * Whether the backend answers within {@code timeout}: creates the client if needed, then runs
     * {@link #check}. Never throws for a backend that is down: the answer says why.
     */
    public final EngineHealth ping(Duration timeout) {
        long start = System.nanoTime();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                check(get(), timeout);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "sluice-ping-" + name());
        t.setDaemon(true);
        t.start();
        String problem = null;
        try {
            done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            problem = "no answer within " + timeout.toMillis() + " ms. Check that the backend is running and "
                    + "reachable from this machine, or give the ping more time.";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "the ping was interrupted";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            problem = cause instanceof EngineException ee ? ee.getMessage()
                    : subject() + " failed its health check: " + withFix(mask(String.valueOf(cause)));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new EngineHealth(name(), type(), problem == null, elapsed, java.util.Optional.ofNullable(problem));
    }

    /**
     * The engine as {@code sluice engines describe} shows it: its entry, credentials masked. An
     * override adds to {@code super.describe()} and must mask what it adds.
     */
    public Map<String, Object> describe() {
        return config.describe();
    }

    /**
     * {@code text} with this engine's secrets replaced by {@value EngineCredentials#MASK}: every
     * message, health answer and cause leaving the engine goes through it. An override (a URL's
     * {@code user:password@}) calls {@code super.mask} too.
     */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, EngineCredentials.MASK);
        }
        return out;
    }

    /**
     * Whether a node parameter (or dataset) declared as {@code declared} can receive this engine's
     * client: its raw class is the client type or a supertype.
     */
    public final boolean supplies(Type declared) {
        Class<?> raw = declared instanceof Class<?> c ? c
                : declared instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
        return raw == null || box(raw).isAssignableFrom(clientType);
    }

    /** {@code engine 'warehouse' (jdbc, conf/base/engines.yml:1:1)}. */
    public final String subject() {
        return config.subject();
    }

    @Override
    public String toString() {
        return "Engine[" + name() + ", " + type() + (isCreated() ? ", created" : "") + "]";
    }

    /** What to check when the backend cannot be reached; engines with more specific advice override. */
    protected String fix() {
        return "Check the entry in " + config.location().file() + ", its credentials, and that the backend is "
                + "reachable.";
    }

    /** A cause's message and then the fix, unless the message already ends a sentence (and so says its own). */
    private String withFix(String message) {
        return message.endsWith(".") ? message : message + ". " + fix();
    }

    /** Called once by the catalog that owns this engine: where its client is registered for closing. */
    final void ownedBy(Resources resources) {
        if (owner != null) {
            throw new IllegalStateException(subject() + " already belongs to a catalog");
        }
        owner = resources;
    }

    private T createOnce() {
        Resources resources = owner;
        if (resources == null) {
            throw new IllegalStateException(subject() + " belongs to no engine catalog: build engines through "
                    + "EngineCatalog, which creates and closes their clients.");
        }
        if (resources.isClosed()) {
            throw new EngineException(name(), subject() + " is closed: its session has ended. Use engines only "
                    + "while their session is open.", null);
        }
        Opened opened;
        try {
            opened = resources.shared("engine '" + name() + "'", () -> {
                T made;
                try {
                    made = create();
                } catch (EngineException e) {
                    throw e;
                } catch (Exception | LinkageError e) {
                    throw new EngineException(name(), subject() + " could not create its client: "
                            + withFix(mask(String.valueOf(e.getMessage() == null ? e : e.getMessage()))),
                            Masking.copy(e, this::mask));
                }
                if (made == null) {
                    throw new EngineException(name(), subject() + ": " + getClass().getName()
                            + ".create() returned null. Return the client or throw why it cannot be made.", null);
                }
                return new Opened(made);
            });
        } catch (IllegalStateException e) {
            if (resources.isClosed()) {
                throw new EngineException(name(), subject() + " is closed: its session has ended. Use engines only "
                        + "while their session is open.", null);
            }
            throw e;
        }
        return opened.client;
    }

    /** A created client as its catalog's {@link Resources} hold it: closing it destroys the client. */
    private final class Opened implements AutoCloseable {
        final T client;

        Opened(T client) {
            this.client = client;
            Engine.this.client = client;
        }

        @Override
        public void close() throws Exception {
            Engine.this.client = null;
            try {
                destroy(client);
            } catch (Exception e) {
                throw new EngineException(name(), subject() + " failed to close its client: "
                        + mask(String.valueOf(e)), Masking.copy(e, Engine.this::mask));
            }
        }
    }

    private static Class<?> box(Class<?> c) {
        return c.isPrimitive() ? java.lang.invoke.MethodType.methodType(c).wrap().returnType() : c;
    }
}
