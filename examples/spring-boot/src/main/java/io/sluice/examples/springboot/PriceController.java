package io.sluice.examples.springboot;

import io.sluice.examples.spaceflights.PricePrediction;
import io.sluice.examples.spaceflights.ShuttleFeatures;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /price}: a JSON array of shuttles in, their predicted prices out, by running the
 * {@code price_prediction} pipeline of the application's session with the shuttles injected. The
 * trained model is read once, when the controller is created, and shared by every request.
 */
@RestController
public class PriceController {
    /** What every request runs: the pricing pipeline, its predictions returned, no journal. */
    private static final RunSpec PRICE_RUN = RunSpec.builder("price_prediction").outputs("price_predictions")
            .journal(false).build();

    private final Session session;

    public PriceController(Session session) {
        this.session = session;
        // compile the plan and read the model now rather than in the first request
        session.prepare(PRICE_RUN, Injected.input("shuttles_to_price", List.of()));
    }

    @PostMapping("/price")
    public List<PricePrediction> price(@RequestBody List<ShuttleFeatures> shuttles) {
        if (shuttles.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "send at least one shuttle to price");
        }
        @SuppressWarnings("unchecked")
        List<PricePrediction> prices = (List<PricePrediction>) session.run(PRICE_RUN,
                Injected.input("shuttles_to_price", shuttles)).outputs().get("price_predictions");
        return prices;
    }
}
