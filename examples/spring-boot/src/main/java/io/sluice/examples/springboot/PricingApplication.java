package io.sluice.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application serving spaceflights' {@code price_prediction} pipeline: the Sluice
 * starter compiles the project named by {@code sluice.project-dir} into a {@code Session} bean,
 * which {@link PriceController} runs once per request.
 *
 * <pre>
 *   bin/sluice -C examples/spaceflights run                      # train the model first
 *   mvn -q -f examples/spring-boot spring-boot:run -Dspring-boot.run.arguments=--sluice.project-dir=../spaceflights
 *   curl -s localhost:8080/price -H 'Content-Type: application/json' -d '[{"engines":2,"passenger_capacity":4,
 *        "crew":2,"d_check_complete":true,"moon_clearance_complete":false,"iata_approved":true,
 *        "company_rating":0.9,"review_scores_rating":88}]'
 *   curl -s localhost:8080/actuator/health
 *   curl -s localhost:8080/actuator/metrics/sluice.runs
 * </pre>
 */
@SpringBootApplication
public class PricingApplication {
    public static void main(String[] args) {
        SpringApplication.run(PricingApplication.class, args);
    }
}
