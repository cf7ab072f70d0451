package io.bourse.edge.api;

import io.bourse.edge.payments.PaymentRefusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Payments an operator has to look at: what did not reconcile, with the reason (ADMIN role). */
@RestController
@RequestMapping("/api/v1/admin/payments")
@Tag(name = "Admin")
public class AdminPaymentsController {

    /** A refusal with the user it concerns ({@code unmatched-payments} when no intent names one). */
    public record RefusalView(String userId, Views.PaymentEventView event) {
    }

    private final PaymentRefusals refusals;

    public AdminPaymentsController(final PaymentRefusals refusals) {
        this.refusals = refusals;
    }

    @GetMapping("/refusals")
    @Operation(summary = "The latest deposits that did not reconcile, refused withdrawals and payout reports that moved nothing, "
            + "newest first, read from payments.events: the same on every node and after a restart (provider reports that match "
            + "no intent carry userId unmatched-payments)")
    public List<RefusalView> refusals(@RequestParam(defaultValue = "100") @Min(1) @Max(PaymentRefusals.CAPACITY)
            final int limit) {
        return refusals.latest(limit).stream().map(e -> new RefusalView(e.getUserId(), Views.payment(e))).toList();
    }
}
