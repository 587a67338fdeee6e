package io.sluice.datasets.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sluice.io.StableOrder;

/**
 * The JSON conventions of the {@code json} dataset, for HTTP bodies: fields a record does not
 * declare are ignored (an API answers with more than a node reads), a missing value never becomes
 * a primitive's zero, dates are ISO-8601 strings, {@code Map.of}/{@code Set.of} in key order (the same request body in
 * every JVM: {@link StableOrder}).
 */
final class ApiJson {
    private ApiJson() {
    }

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(StableOrder.module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
}
