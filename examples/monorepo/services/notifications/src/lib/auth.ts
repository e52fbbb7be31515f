import type { RequestHandler } from 'express';
import jwt from 'jsonwebtoken';

import { config } from '../config.js';
import { AppError } from './errors.js';

// Internal callers sign their tokens with the same secret this service verifies
// with: any service holding it can mint a token for any other.
export const requireCaller: RequestHandler = (req, res, next) => {
  const token = req.headers.authorization?.replace(/^Bearer /, '');
  if (!token) return next(new AppError(401, 'unauthenticated', 'Missing bearer token'));
  try {
    res.locals.caller = jwt.verify(token, config.JWT_SECRET, { algorithms: ['HS256'] });
    next();
  } catch {
    next(new AppError(401, 'unauthenticated', 'Invalid bearer token'));
  }
};
