# tf-idf variants written out in base R from quanteda's and scikit-learn's
# definitions, apart from slant's C code, for tests/cli/table.sh.  Usage:
#   Rscript table.R COUNTS SLANT-TABLE-OUTPUT IDF TF L2
# IDF quanteda (log10(N/df)), smooth (ln((1+N)/(1+df)) + 1) or plain
# (ln(N/df) + 1); TF count, log (1 + log10 n with quanteda, 1 + ln n
# otherwise) or prop (n / the group's tokens); L2 1 to divide each group's
# vector by its Euclidean norm.  Prints "ok N" when every value agrees to
# 1e-12 (relative), else the worst and exits 1.
args <- commandArgs(TRUE)
rd <- function(f) read.delim(f, quote = "", na.strings = character(0), comment.char = "",
                             colClasses = "character", check.names = FALSE)
cnt <- rd(args[1])
# metadata rows: empty group, term key=value, n and df 0
cnt <- cnt[!(cnt$group == "" & cnt$n == "0" & cnt$df == "0" & grepl("=", cnt$term, fixed = TRUE)), ]
cnt$n <- as.numeric(cnt$n)
cnt$df <- as.numeric(cnt$df)
out <- rd(args[2])
idf_s <- args[3]; tf_s <- args[4]; l2 <- args[5] == "1"
tot <- cnt[cnt$term == "", ]
cells <- cnt[cnt$term != "", ]
N <- sum(tot$df)
cdf <- tapply(cells$df, cells$term, sum)
idf <- switch(idf_s, quanteda = log10(N / cdf), smooth = log((1 + N) / (1 + cdf)) + 1,
              plain = log(N / cdf) + 1)
T <- tot$n[match(cells$group, tot$group)] # (names cannot index an empty group)
tf <- switch(tf_s, count = cells$n, prop = cells$n / T,
             log = 1 + (if (idf_s == "quanteda") log10(cells$n) else log(cells$n)))
w <- tf * idf[cells$term]
if (l2) w <- w / sqrt(ave(w^2, cells$group, FUN = sum))
names(w) <- paste(cells$group, cells$term)
got <- as.numeric(out$tfidf)
want <- w[paste(out$group, out$term)]
err <- ifelse(got == want, 0, abs(got - want) / pmax(abs(want), 1e-300))
if (nrow(out) != nrow(cells) || any(is.na(err)) || max(err) > 1e-12) {
	i <- which.max(err)
	cat("rows", nrow(out), "of", nrow(cells), "; worst", out$group[i], out$term[i], got[i], want[i], "\n")
	quit(status = 1)
}
cat("ok", nrow(out), "\n")
