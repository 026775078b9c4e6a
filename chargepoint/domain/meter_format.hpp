#pragma once
// Decimal text for SampledValue.value. OCPP 1.6 §7.45 makes `value` a string holding a decimal
// number for the Raw format: it must never read "nan", "inf" or "1e+03", and must not depend on the
// C locale (a German locale would write "230,4").
#include <optional>
#include <string>

namespace chargepoint {

// `value` in fixed notation with exactly `decimals` digits after the point (0 to 6; no point for
// 0), rounded to nearest. A value that rounds to zero is "0" / "0.0", never "-0". nullopt for NaN
// and infinities, and for `decimals` outside 0..6.
std::optional<std::string> format_decimal(double value, int decimals);

}  // namespace chargepoint
