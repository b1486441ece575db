import { Injectable } from '@nestjs/common';
import { CustomerStatsRepository, DayCount } from './customer-stats.repository';

/** Counts of the customer mirror for the dashboard and the staff list (reads only). */
@Injectable()
export class CustomerStatsService {
  constructor(private readonly stats: CustomerStatsRepository) {}

  /** Customers with at least one active follow relation. */
  activeCustomers(corpId: string): Promise<number> {
    return this.stats.activeCustomers(corpId);
  }

  /** Relations added and ended (by the customer or by staff) per local day since `from`. */
  async addedAndLostPerDay(
    corpId: string,
    from: Date,
    offsetMinutes: number,
  ): Promise<{ added: DayCount[]; lost: DayCount[] }> {
    const [added, lost] = await Promise.all([
      this.stats.addedPerDay(corpId, from, offsetMinutes),
      this.stats.lostPerDay(corpId, from, offsetMinutes),
    ]);
    return { added, lost };
  }

  /** The staff members with the most customers (active relations), most first. */
  topStaff(corpId: string, limit: number): Promise<Array<{ userId: string; n: number }>> {
    return this.stats.topStaff(corpId, limit);
  }
}
