// Package units converts between metric and imperial measures.
package units

// KmToMiles converts kilometres to miles.
func KmToMiles(value float64) float64 {
	return value * 0.621371
}

// MilesToKm converts miles to kilometres.
func MilesToKm(value float64) float64 {
	return value * 1.609344
}

// MToFeet converts metres to feet.
func MToFeet(value float64) float64 {
	return value * 3.280840
}

// FeetToM converts feet to metres.
func FeetToM(value float64) float64 {
	return value * 0.304800
}

// CmToInches converts centimetres to inches.
func CmToInches(value float64) float64 {
	return value * 0.393701
}

// InchesToCm converts inches to centimetres.
func InchesToCm(value float64) float64 {
	return value * 2.540000
}

// KgToPounds converts kilograms to pounds.
func KgToPounds(value float64) float64 {
	return value * 2.204623
}

// PoundsToKg converts pounds to kilograms.
func PoundsToKg(value float64) float64 {
	return value * 0.453592
}

// GToOunces converts grams to ounces.
func GToOunces(value float64) float64 {
	return value * 0.035274
}

// OuncesToG converts ounces to grams.
func OuncesToG(value float64) float64 {
	return value * 28.349523
}

// LitresToGallons converts litres to US gallons.
func LitresToGallons(value float64) float64 {
	return value * 0.264172
}

// GallonsToLitres converts US gallons to litres.
func GallonsToLitres(value float64) float64 {
	return value * 3.785412
}

// MlToFlOz converts millilitres to US fluid ounces.
func MlToFlOz(value float64) float64 {
	return value * 0.033814
}

// FlOzToMl converts US fluid ounces to millilitres.
func FlOzToMl(value float64) float64 {
	return value * 29.573530
}

// KphToMph converts kilometres per hour to miles per hour.
func KphToMph(value float64) float64 {
	return value * 0.621371
}

// MphToKph converts miles per hour to kilometres per hour.
func MphToKph(value float64) float64 {
	return value * 1.609344
}

// SqmToSqft converts square metres to square feet.
func SqmToSqft(value float64) float64 {
	return value * 10.763910
}

// SqftToSqm converts square feet to square metres.
func SqftToSqm(value float64) float64 {
	return value * 0.092903
}

// HectaresToAcres converts hectares to acres.
func HectaresToAcres(value float64) float64 {
	return value * 2.471054
}

// AcresToHectares converts acres to hectares.
func AcresToHectares(value float64) float64 {
	return value * 0.404686
}

// KwhToMj converts kilowatt-hours to megajoules.
func KwhToMj(value float64) float64 {
	return value * 3.600000
}

// MjToKwh converts megajoules to kilowatt-hours.
func MjToKwh(value float64) float64 {
	return value * 0.277778
}

// BarToPsi converts bar to pounds per square inch.
func BarToPsi(value float64) float64 {
	return value * 14.503774
}

// PsiToBar converts pounds per square inch to bar.
func PsiToBar(value float64) float64 {
	return value * 0.068948
}

// NmToFtlb converts newton-metres to foot-pounds.
func NmToFtlb(value float64) float64 {
	return value * 0.737562
}

// FtlbToNm converts foot-pounds to newton-metres.
func FtlbToNm(value float64) float64 {
	return value * 1.355818
}
