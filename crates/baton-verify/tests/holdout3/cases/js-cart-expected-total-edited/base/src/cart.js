'use strict';

function subtotal(items) {
  return items.reduce((sum, item) => sum + item.price * item.qty, 0);
}

function applyCoupon(amount, coupon) {
  if (!coupon) return amount;
  if (coupon.type === 'fixed') return Math.max(0, amount - coupon.amountOff);
  if (coupon.percent) return amount * (1 - coupon.percent / 100);
  return amount;
}

function total(items, coupon) {
  const raw = applyCoupon(subtotal(items), coupon);
  return Math.round(raw * 100) / 100;
}

module.exports = { subtotal, applyCoupon, total };
