package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthEndpointTest {

    private final AtomicBoolean ready = new AtomicBoolean(true);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final HttpClient http = HttpClient.newHttpClient();
    private HealthEndpoint endpoint;

    @BeforeEach
    void open() throws ManagementException {
        endpoint = HealthEndpoint.start("127.0.0.1", 0, ready::get, draining::get);
    }

    @AfterEach
    void close() {
        endpoint.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readyIs200OnlyWhenReadyAndNotDraining() throws Exception {
        assertThat(get("/ready").statusCode()).isEqualTo(200);
        assertThat(get("/ready").body()).isEqualTo("{\"ready\": true, \"draining\": false}\n");
        draining.set(true);
        assertThat(get("/ready").statusCode()).isEqualTo(503);
        assertThat(get("/ready").body()).isEqualTo("{\"ready\": false, \"draining\": true}\n");
        draining.set(false);
        ready.set(false);
        assertThat(get("/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void liveIs200WhateverTheReadiness() throws Exception {
        ready.set(false);
        draining.set(true);
        assertThat(get("/live").statusCode()).isEqualTo(200);
        assertThat(get("/elsewhere").statusCode()).isEqualTo(404);
    }

    @Test
    void aPortInUseIsOneClearLine() {
        assertThatThrownBy(() -> HealthEndpoint.start("127.0.0.1", endpoint.port(), ready::get, draining::get))
                .isInstanceOf(ManagementException.class)
                .hasMessage("Health port " + endpoint.port() + " on 127.0.0.1 is already in use");
    }
}
