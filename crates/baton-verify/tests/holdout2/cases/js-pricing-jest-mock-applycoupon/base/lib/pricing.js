'use strict';

class CouponExpiredError extends Error {}
class CouponInvalidError extends Error {}

/**
 * Apply a coupon to a cart total (in cents).
 * coupon: { code, kind: 'percent' | 'fixed', value, minTotalCents?, expiresAt? }
 */
function applyCoupon(totalCents, coupon, now = new Date()) {
  if (!coupon || typeof coupon.code !== 'string') throw new CouponInvalidError('missing coupon');
  if (coupon.minTotalCents && totalCents < coupon.minTotalCents) {
    throw new CouponInvalidError(`minimum not met for ${coupon.code}`);
  }
  const discount = coupon.kind === 'percent' ? Math.round((totalCents * coupon.value) / 100) : coupon.value;
  return Math.max(0, totalCents - discount);
}

module.exports = { applyCoupon, CouponExpiredError, CouponInvalidError };
