package io.sluice.examples.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.examples.spaceflights.PricePrediction;
import io.sluice.examples.spaceflights.ShuttleFeatures;
import io.sluice.examples.spaceflights.SpaceflightsProject;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunSpec;
import io.sluice.run.TypeRef;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An application that owns its entry point and embeds Sluice: it compiles the spaceflights
 * project once at start-up, then answers {@code POST /price} (a JSON array of shuttles) by running
 * the {@code price_prediction} pipeline with the request injected, and returns the prices. The
 * trained model is read once, when the pipeline is first compiled, and shared by every request.
 *
 * <p>Run it (after {@code mvn -B -q install -DskipTests} and a run of the spaceflights pipeline,
 * which trains the model):
 * <pre>
 *   mvn -q -f examples/embedded exec:java -Dexec.args="examples/spaceflights 8080"
 *   curl -s localhost:8080/price -d '[{"engines":2,"passenger_capacity":4,"crew":2,"d_check_complete":true,
 *        "moon_clearance_complete":false,"iata_approved":true,"company_rating":0.9,"review_scores_rating":88}]'
 * </pre>
 */
public final class PriceService implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Session session;
    private final Undertow server;

    /** Compiles the project in {@code projectDir} and listens on 127.0.0.1:{@code port} (0: any free port). */
    public PriceService(Path projectDir, int port) {
        this.session = Session.compile(new SpaceflightsProject(), new SessionOptions(projectDir, "local", Map.of()));
        // compile the plan and read the model now rather than on the first request
        session.prepare(PRICE_RUN, shuttles(List.of()));
        this.server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(exchange -> {
                    if (!exchange.getRequestMethod().equals(Methods.POST) || !exchange.getRequestPath().equals("/price")) {
                        exchange.setStatusCode(404);
                        exchange.getResponseSender().send("{\"error\":\"POST /price\"}");
                        return;
                    }
                    exchange.getRequestReceiver().receiveFullBytes(this::price);
                })
                .build();
        server.start();
    }

    /** What every request runs: the pricing pipeline, its predictions returned, no journal. */
    private static final RunSpec PRICE_RUN = RunSpec.builder("price_prediction").outputs("price_predictions")
            .journal(false).build();

    /** The type of the run's one output, checked when it is read. */
    private static final TypeRef<List<PricePrediction>> PREDICTIONS = new TypeRef<List<PricePrediction>>() {};

    /** The request's shuttles, injected as the pipeline's input. */
    private static Injected shuttles(List<ShuttleFeatures> shuttles) {
        return Injected.input("shuttles_to_price", shuttles);
    }

    private void price(HttpServerExchange exchange, byte[] body) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        List<ShuttleFeatures> shuttles;
        try {
            shuttles = Arrays.asList(JSON.readValue(body, ShuttleFeatures[].class));
        } catch (JsonProcessingException e) {
            exchange.setStatusCode(400);
            exchange.getResponseSender().send(error("the body must be a JSON array of shuttles: "
                    + e.getOriginalMessage()));
            return;
        } catch (IOException e) {
            exchange.setStatusCode(400);
            exchange.getResponseSender().send(error("cannot read the body: " + e.getMessage()));
            return;
        }
        try {
            List<PricePrediction> prices = session.run(PRICE_RUN, shuttles(shuttles))
                    .output("price_predictions", PREDICTIONS);
            exchange.getResponseSender().send(ByteBuffer.wrap(JSON.writeValueAsBytes(prices)));
        } catch (RunFailedException e) {
            exchange.setStatusCode(500);
            exchange.getResponseSender().send(error(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String error(String message) {
        try {
            return JSON.writeValueAsString(Map.of("error", message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port the service listens on. */
    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void close() {
        server.stop();
        session.close();
    }

    /** {@code PriceService PROJECT_DIR [PORT]}: serves until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        Path project = Path.of(args.length > 0 ? args[0] : "examples/spaceflights");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8080;
        PriceService service = new PriceService(project, port);
        System.out.println("POST shuttles as JSON to http://127.0.0.1:" + service.port() + "/price");
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        Thread.currentThread().join();
    }
}
