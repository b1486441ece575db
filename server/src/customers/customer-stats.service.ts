import { Injectable } from '@nestjs/common';
import { CustomerCountsService } from './customer-counts.service';
import { CustomerStatsRepository, DayCount } from './customer-stats.repository';

/** Counts of the customer mirror for the dashboard and the staff list (reads only). */
@Injectable()
export class CustomerStatsService {
  constructor(
    private readonly stats: CustomerStatsRepository,
    private readonly counts: CustomerCountsService,
  ) {}

  /** Customers with at least one active follow relation (the maintained counter). */
  activeCustomers(corpId: string): Promise<number> {
    return this.counts.activeCustomers(corpId);
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
