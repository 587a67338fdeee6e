package io.sluice.pipeline;

import java.io.Serializable;
import java.util.List;

/**
 * The typed, serializable function shapes a {@link Node} can wrap, by arity.
 *
 * <p>They are {@link Serializable} so that, for a method reference such as
 * {@code DataProcessing::preprocessCompanies}, Sluice can read the implementing class and method
 * (through {@code SerializedLambda}) and from them the generic parameter and return types. That
 * reference is what pipeline JSON records and what default node names are derived from.
 */
public final class Fn {
    private Fn() {
    }

    /** A node function without inputs. */
    @FunctionalInterface
    public interface F0<R> extends Serializable {
        R apply() throws Exception;
    }

    /** A node function of one input. */
    @FunctionalInterface
    public interface F1<A, R> extends Serializable {
        R apply(A a) throws Exception;
    }

    /** A node function of two inputs. */
    @FunctionalInterface
    public interface F2<A, B, R> extends Serializable {
        R apply(A a, B b) throws Exception;
    }

    /** A node function of three inputs. */
    @FunctionalInterface
    public interface F3<A, B, C, R> extends Serializable {
        R apply(A a, B b, C c) throws Exception;
    }

    /** A node function of four inputs. */
    @FunctionalInterface
    public interface F4<A, B, C, D, R> extends Serializable {
        R apply(A a, B b, C c, D d) throws Exception;
    }

    /** A node function of five inputs. */
    @FunctionalInterface
    public interface F5<A, B, C, D, E, R> extends Serializable {
        R apply(A a, B b, C c, D d, E e) throws Exception;
    }

    /** A node function of six inputs. */
    @FunctionalInterface
    public interface F6<A, B, C, D, E, F, R> extends Serializable {
        R apply(A a, B b, C c, D d, E e, F f) throws Exception;
    }

    /** A node function of seven inputs. */
    @FunctionalInterface
    public interface F7<A, B, C, D, E, F, G, R> extends Serializable {
        R apply(A a, B b, C c, D d, E e, F f, G g) throws Exception;
    }

    /** A node function of eight inputs. */
    @FunctionalInterface
    public interface F8<A, B, C, D, E, F, G, H, R> extends Serializable {
        R apply(A a, B b, C c, D d, E e, F f, G g, H h) throws Exception;
    }

    /**
     * A node function of any number of inputs of one type, received as a list in input order
     * (Kedro's {@code *args}); build it with {@link Node#varargs(FV)}.
     */
    @FunctionalInterface
    public interface FV<A, R> extends Serializable {
        R apply(List<A> inputs) throws Exception;
    }
}
