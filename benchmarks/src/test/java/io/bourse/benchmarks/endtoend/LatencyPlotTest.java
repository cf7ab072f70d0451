package io.bourse.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyPlotTest {

    private static final String HEADER = "label,mode,offered_per_s,achieved_per_s,answered,rejected,failures,"
            + "accepted_p50_ms,accepted_p90_ms,accepted_p99_ms,accepted_p999_ms,accepted_max_ms,fill_p50_ms,fill_p99_ms,"
            + "cancel_p50_ms,cancel_p99_ms,trade_ws_p50_ms,trade_ws_p99_ms,http_p50_ms,http_p99_ms";

    @TempDir
    Path dir;

    @Test
    void shouldGroupRowsByConfigurationInTheOrderTheyRan() throws Exception {
        final Path csv = write(HEADER,
                "eos-100ms,kafka,1000,993.0,17919,0,0,86.3,136.3,169.5,197.0,217.3,323.1,479.2,322.3,460.3,2.3,17.2,,",
                "eos-100ms,kafka,2000,1978.0,35941,0,0,102.7,208.1,458.2,547.8,563.2,351.2,782.8,350.2,834.0,4.4,192.5,,",
                "alos-20ms,kafka,1000,998.0,17919,0,0,3.1,5.0,9.9,20.0,25.0,8.0,30.0,,,1.0,2.0,,");

        final List<LatencyPlot.Row> rows = LatencyPlot.read(csv);

        assertThat(LatencyPlot.bySeries(rows)).containsOnlyKeys("eos-100ms", "alos-20ms");
        assertThat(LatencyPlot.bySeries(rows).get("eos-100ms")).extracting(LatencyPlot.Row::verdictP99).containsExactly(169.5, 458.2);
        assertThat(rows.get(2).fillP99()).isEqualTo(30.0);
    }

    @Test
    void shouldDrawAPngOfTheRequestedSize() throws Exception {
        final Path csv = write(HEADER,
                "eos-100ms,kafka,1000,993.0,17919,0,0,86.3,136.3,169.5,197.0,217.3,323.1,479.2,322.3,460.3,2.3,17.2,,",
                "eos-100ms,kafka,2000,1978.0,35941,0,0,102.7,208.1,458.2,547.8,563.2,,,,,,,,");
        final Path png = dir.resolve("plot.png");

        LatencyPlot.main(new String[] {csv.toString(), png.toString()});

        final BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(900);
    }

    @Test
    void shouldNameTheMissingColumn() throws Exception {
        final Path csv = write("label,achieved_per_s", "eos-100ms,993.0");

        assertThatThrownBy(() -> LatencyPlot.read(csv)).hasMessageContaining("accepted_p50_ms");
    }

    private Path write(final String... lines) throws Exception {
        final Path csv = dir.resolve("results.csv");
        Files.write(csv, List.of(lines));
        return csv;
    }
}
