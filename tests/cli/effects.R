# Effect sizes written out from the published formulas in base R, apart
# from slant's C code, for tests/cli/effects.sh.  Usage:
#   Rscript effects.R MODE COUNTS SLANT-OUTPUT [TARGET REFERENCE]
# MODE monroe: Monroe, Colaresi & Quinn (2008) eq. 16 and eq. 20 with the
#   pooled prior (a_w = the term's count in both sides, a_0 = their tokens);
#   woolf: the same with Woolf's (1955) variance, the reciprocals of all four
#   cells; monroe-uninformative: a_w = 1, a_0 = the sides' terms, shared
#   between the sides in proportion to their sizes;
# tidylo / tidylo-uninformative: tidylo 0.2.0's bind_log_odds, each group
#   against all groups;
# lr: Hardie's log ratio with the 0.5 pseudo-count shared in proportion to
#   the sides where a count is 0, and Katz et al.'s (1978) 95% interval.
# Prints "ok N" when every value agrees to 1e-9 (relative), else the worst.
args <- commandArgs(TRUE)
mode <- args[1]
rd <- function(f) read.delim(f, quote = "", na.strings = character(0), comment.char = "",
                             colClasses = "character", check.names = FALSE)
cnt <- rd(args[2])
# metadata rows: empty group, term key=value, n and df 0
cnt <- cnt[!(cnt$group == "" & cnt$n == "0" & cnt$df == "0" & grepl("=", cnt$term, fixed = TRUE)), ]
cnt$n <- as.numeric(cnt$n)
out <- rd(args[3])
totals <- cnt[cnt$term == "", ]
cells <- cnt[cnt$term != "", ]
tot_of <- function(g) totals$n[match(g, totals$group)] # (names cannot index an empty group)

sides <- function(g, ref) { # a, b per term; nt, nr
	tg <- cells[cells$group == g, ]
	rf <- cells[if (is.na(ref)) cells$group != g else cells$group == ref, ]
	terms <- union(tg$term, rf$term)
	a <- sapply(terms, function(w) sum(tg$n[tg$term == w]))
	b <- sapply(terms, function(w) sum(rf$n[rf$term == w]))
	nt <- tot_of(g)
	nr <- if (is.na(ref)) sum(totals$n) - nt else tot_of(ref)
	list(terms = terms, a = a, b = b, nt = nt, nr = nr)
}

worst <- 0
check <- function(got, want, what) {
	err <- abs(got - want) / pmax(abs(want), 1e-300)
	err[got == want] <- 0
	i <- which.max(err)
	if (length(i) && err[i] > worst) {
		worst <<- err[i]
		cat(sprintf("%s: %s got %.17g want %.17g\n", what, names(want)[i], got[i], want[i]))
	}
}

if (mode %in% c("monroe", "woolf", "monroe-uninformative")) {
	ref <- if (length(args) >= 5) args[5] else NA
	for (g in unique(out$group)) {
		s <- sides(g, ref)
		if (mode == "monroe-uninformative") {
			# a_w = 1, a_0 = the terms of the two sides, shared in proportion
			# to their sizes: 2 n_side / N of it to each side
			N <- s$nt + s$nr
			si <- 2 * s$nt / N
			sj <- 2 * s$nr / N
			V <- sum(s$a + s$b > 0)
			awi <- si; a0i <- V * si; awj <- sj; a0j <- V * sj
		} else { # the pooled prior, both sides: a_w = a + b, a_0 = N
			awi <- awj <- s$a + s$b
			a0i <- a0j <- s$nt + s$nr
		}
		oi <- s$a + awi; ri <- s$nt + a0i - s$a - awi
		oj <- s$b + awj; rj <- s$nr + a0j - s$b - awj
		delta <- log(oi / ri) - log(oj / rj)             # eq. 16
		v <- 1 / oi + 1 / oj                              # eq. 20
		if (mode == "woolf") v <- v + 1 / ri + 1 / rj     # Woolf (1955): all four cells
		z <- delta / sqrt(v)
		names(z) <- s$terms
		o <- out[out$group == g, ]
		check(as.numeric(o$logodds_z), z[o$term], paste(g, "z"))
	}
} else if (mode == "tidylo" || mode == "tidylo-uninformative") {
	alpha <- if (mode == "tidylo") ave(cells$n, cells$term, FUN = sum) else rep(1, nrow(cells))
	y <- cells$n + alpha
	y_w <- ave(y, cells$term, FUN = sum)
	n_i <- ave(y, cells$group, FUN = sum)
	delta <- log(y / (n_i - y)) - log(y_w / (sum(y) - y_w))
	zeta <- delta / sqrt(1 / y + 1 / y_w)
	key <- paste(cells$group, cells$term)
	names(zeta) <- names(delta) <- key
	k <- paste(out$group, out$term)
	check(as.numeric(out$log_odds_weighted), zeta[k], "zeta")
	check(as.numeric(out$log_odds), delta[k], "delta")
	if (nrow(out) != length(key[cells$group %in% out$group]))
		stop("rows: ", nrow(out), " want ", sum(cells$group %in% out$group))
} else if (mode == "lr") {
	ref <- if (length(args) >= 5) args[5] else NA
	for (g in unique(out$group)) {
		s <- sides(g, ref)
		z0 <- s$a == 0 | s$b == 0
		n <- s$nt + s$nr
		a <- s$a + ifelse(z0, 0.5 * s$nt / n, 0)
		b <- s$b + ifelse(z0, 0.5 * s$nr / n, 0)
		lr <- log2((a / s$nt) / (b / s$nr))
		se <- sqrt(1 / a - 1 / s$nt + 1 / b - 1 / s$nr) / log(2)
		names(lr) <- names(se) <- s$terms
		o <- out[out$group == g, ]
		check(as.numeric(o$log_ratio), lr[o$term], paste(g, "lr"))
		check(as.numeric(o$log_ratio_lo), lr[o$term] - qnorm(0.975) * se[o$term], paste(g, "lo"))
		check(as.numeric(o$log_ratio_hi), lr[o$term] + qnorm(0.975) * se[o$term], paste(g, "hi"))
	}
}
if (worst > 1e-9) quit(status = 1)
cat("ok", nrow(out), "\n")
